#include "suppliers/amadeus/offer_reader.h"

#include <array>
#include <optional>
#include <span>

#include "core/money.h"
#include "refdata/currencies.h"

// Builds the canonical offer once every field of the Amadeus offer has been read.

namespace fareflow::amadeus::internal {
namespace {

// Folds the allowances of every segment into the least generous one. A segment that states
// "nothing included" (0 pieces, or 0 kg without pieces) makes the whole offer include nothing;
// otherwise a segment that states nothing makes the allowance unknown; otherwise the smallest
// piece count and the smallest weight win.
BagAllowance LeastGenerous(std::span<const SegmentExtra> extras) {
  BagAllowance bags;
  bool checked_none = false;
  bool checked_unknown = false;
  bool cabin_unknown = false;
  for (const SegmentExtra& x : extras) {
    const SegmentBags& b = x.bags;
    if (!b.checked_stated) {
      checked_unknown = true;
    } else if (b.checked_pieces == 0 || (b.checked_pieces < 0 && b.checked_kg == 0)) {
      checked_none = true;
    } else {
      if (b.checked_pieces > 0 &&
          (bags.checked_pieces < 0 || b.checked_pieces < bags.checked_pieces)) {
        bags.checked_pieces = b.checked_pieces;
      }
      if (b.checked_kg > 0 &&
          (bags.checked_weight_kg < 0 || b.checked_kg < bags.checked_weight_kg)) {
        bags.checked_weight_kg = b.checked_kg;
      }
    }
    if (!b.cabin_stated) {
      cabin_unknown = true;
    } else if (bags.cabin_pieces < 0 || b.cabin_pieces < bags.cabin_pieces) {
      bags.cabin_pieces = b.cabin_pieces;
    }
  }
  if (checked_none) {
    bags.checked_pieces = 0;
    bags.checked_weight_kg = kUnknownCount;
  } else if (checked_unknown) {
    bags.checked_pieces = kUnknownCount;
    bags.checked_weight_kg = kUnknownCount;
  }
  if (cabin_unknown && bags.cabin_pieces != 0) bags.cabin_pieces = kUnknownCount;
  return bags;
}

}  // namespace

bool OfferReader::Finish(Offer& offer) {
  itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
  if (id_.empty()) return Drop(DropReason::kMissingField, "id");
  if (!itineraries_seen_) return Drop(DropReason::kMissingField, "itineraries");
  if (s_.itineraries.empty()) return Drop(DropReason::kInconsistent, "itineraries (empty)");
  if (!price_seen_) return Drop(DropReason::kMissingField, "price");
  if (currency_.empty()) return Drop(DropReason::kMissingField, "price/currency");
  const CurrencyCode currency = CurrencyCode::Parse(currency_);
  if (!currency.valid()) return Drop(DropReason::kBadValue, "price/currency");
  const int digits = refdata::MinorDigits(currency);
  const bool use_grand = !grand_total_.empty();
  const std::string_view total_text = use_grand ? grand_total_ : total_;
  if (total_text.empty()) return Drop(DropReason::kMissingField, "price/total");
  std::optional<int64_t> total = ParseDecimalMinor(total_text, digits);
  if (!total) return Drop(DropReason::kBadValue, use_grand ? "price/grandTotal" : "price/total");
  offer.total = Money{*total, currency};
  if (!base_.empty()) {
    std::optional<int64_t> base = ParseDecimalMinor(base_, digits);
    if (!base) return Drop(DropReason::kBadValue, "price/base");
    offer.base = Money{*base, currency};
  }

  // Fare details: every one must name a segment of the offer; those of the first adult (else
  // the first traveler) describe the segments.
  const std::size_t segment_count = s_.segments.size();
  uint16_t chosen = 0;
  for (std::size_t t = 0; t < s_.traveler_count; ++t) {
    if (s_.travelers[t].adult_like) {
      chosen = static_cast<uint16_t>(t);
      break;
    }
  }
  for (const FareDetail& d : s_.fare_details) {
    std::size_t found = segment_count;
    // Fare details usually list the segments in order: try the same position first.
    if (d.index < segment_count && s_.segments[d.index].supplier_segment_id == d.segment_id) {
      found = d.index;
    } else {
      for (std::size_t i = 0; i < segment_count; ++i) {
        if (s_.segments[i].supplier_segment_id == d.segment_id) {
          found = i;
          break;
        }
      }
    }
    if (found == segment_count) {
      traveler_ = d.traveler;
      fare_detail_ = d.index;
      return Drop(DropReason::kUnknownSegmentRef, "segmentId");
    }
    if (d.traveler != chosen) continue;
    Segment& seg = s_.segments[found];
    SegmentExtra& extra = s_.extras[found];
    if (extra.has_detail) continue;  // the first detail for a segment wins
    extra.has_detail = true;
    seg.cabin = d.cabin;
    seg.booking_class = d.booking_class;
    seg.fare_basis = d.fare_basis;
    extra.brand = d.branded_fare_label.empty() ? d.branded_fare : d.branded_fare_label;
    extra.bags = d.bags;
  }

  // Prices per passenger, grouped by type and amount; only when every traveler has a price.
  std::array<PassengerPrice, kMaxTravelers> groups;
  std::size_t group_count = 0;
  bool all_priced = s_.traveler_count > 0;
  for (std::size_t t = 0; t < s_.traveler_count && all_priced; ++t) {
    const Traveler& traveler = s_.travelers[t];
    if (traveler.total.empty()) {
      all_priced = false;
      break;
    }
    CurrencyCode c = currency;
    if (!traveler.currency.empty()) {
      c = CurrencyCode::Parse(traveler.currency);
      if (!c.valid()) {
        traveler_ = static_cast<int>(t);
        return Drop(DropReason::kBadValue, "price/currency");
      }
    }
    std::optional<int64_t> each = ParseDecimalMinor(traveler.total, refdata::MinorDigits(c));
    if (!each) {
      traveler_ = static_cast<int>(t);
      return Drop(DropReason::kBadValue, "price/total");
    }
    const Money money{*each, c};
    std::size_t g = 0;
    while (g < group_count && !(groups[g].type == traveler.type && groups[g].total_each == money)) {
      ++g;
    }
    if (g == group_count) {
      groups[g] = PassengerPrice{traveler.type, 0, money};
      ++group_count;
    }
    ++groups[g].count;
  }
  if (all_priced) {
    offer.passenger_prices = arena_.CopyArray<PassengerPrice>(
        std::span<const PassengerPrice>(groups.data(), group_count));
  }

  // Segments, slices, and what is folded over every segment.
  std::span<Segment> segments =
      arena_.CopyArray<Segment>(std::span<const Segment>(s_.segments.data(), segment_count));
  bool co2_complete = true;
  int64_t co2 = 0;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < segment_count; ++i) {
    const SegmentExtra& x = s_.extras[i];
    if (x.co2_grams < 0) {
      co2_complete = false;
    } else {
      co2 += x.co2_grams;
    }
    if (segments[i].supplier_duration_minutes > segments[longest].supplier_duration_minutes) {
      longest = i;
    }
  }
  s_.slices.resize(s_.itineraries.size());
  for (std::size_t k = 0; k < s_.itineraries.size(); ++k) {
    const Itinerary& it = s_.itineraries[k];
    Slice& slice = s_.slices[k];
    slice = Slice();
    slice.segments = segments.subspan(it.first_segment, it.segment_count);
    slice.supplier_duration_minutes = it.duration_minutes;
    for (uint32_t i = it.first_segment; i < it.first_segment + it.segment_count; ++i) {
      if (!s_.extras[i].brand.empty()) {
        slice.fare_brand = s_.extras[i].brand;
        break;
      }
    }
  }
  offer.supplier = supplier_;
  offer.supplier_offer_id = id_;
  offer.validating_carrier = validating_;
  offer.slices = arena_.CopyArray<Slice>(std::span<const Slice>(s_.slices));
  offer.cabin = segments[longest].cabin;
  offer.fare_brand = offer.slices.front().fare_brand;
  offer.bags = LeastGenerous(s_.extras);
  if (refundable_) offer.conditions.refundable = Tristate::kYes;
  if (co2_complete && co2 <= INT32_MAX) offer.supplier_co2_grams = static_cast<int32_t>(co2);
  offer.seats_available = seats_;
  return true;
}

}  // namespace fareflow::amadeus::internal
