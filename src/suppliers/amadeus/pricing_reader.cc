#include "suppliers/amadeus/offer_reader.h"

#include <cstdint>
#include <optional>
#include <string_view>

#include "suppliers/amadeus/field_values.h"
#include "suppliers/json_fields.h"

// The price of an offer and what goes with it: the amounts, the pricing options, and the
// travelerPricings (passenger types and prices, and the fare details of each segment: cabin,
// booking class, fare basis, brand, bags).

namespace fareflow::amadeus::internal {

bool OfferReader::ReadPrice(Value& v) {
  const Found found = ReadFields(v, "price", Want::kTyped, [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "grandTotal")) {
      return ReadText(fv, grand_total_, "price/grandTotal", Want::kTyped);
    }
    if (suppliers::KeyIs(key, "total")) return ReadText(fv, total_, "price/total", Want::kTyped);
    if (suppliers::KeyIs(key, "base")) return ReadText(fv, base_, "price/base", Want::kTyped);
    if (suppliers::KeyIs(key, "currency")) {
      return ReadText(fv, currency_, "price/currency", Want::kTyped);
    }
    return true;
  });
  price_seen_ = found == Found::kValue;
  return found != Found::kFailed;
}

bool OfferReader::ReadPricingOptions(Value& v) {
  return ReadFields(v, "pricingOptions", Want::kTyped, [&](Key key, Value& fv) {
           if (!suppliers::KeyIs(key, "refundableFare")) return true;
           std::optional<bool> refundable;
           if (!ReadBool(fv, refundable, "pricingOptions/refundableFare")) return false;
           refundable_ = refundable.value_or(false);
           return true;
         }) != Found::kFailed;
}

bool OfferReader::ReadTravelerPricings(Value& v) {
  const Found found = ReadElements(v, "travelerPricings", Want::kTyped, [&](Value& item) {
    if (s_.traveler_count == kMaxTravelers) {
      return Drop(DropReason::kBadValue, "travelerPricings (more than 18)");
    }
    const auto t = static_cast<uint16_t>(s_.traveler_count++);
    s_.travelers[t] = Traveler();
    traveler_ = t;
    if (!ReadTraveler(item, t)) return false;
    adult_seen_ = adult_seen_ || s_.travelers[t].adult_like;
    return true;
  });
  if (found == Found::kFailed) return false;
  traveler_ = -1;
  return true;
}

bool OfferReader::ReadTraveler(Value& v, uint16_t t) {
  Traveler& traveler = s_.travelers[t];
  const Found found = ReadFields(v, "", Want::kRequired, [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "fareDetailsBySegment")) {
      // Segment fares, brands and bags come from the first adult; later travelers' details
      // repeat them per passenger and are skipped unread (On-Demand skips by structure only).
      return adult_seen_ || ReadFareDetails(fv, t);
    }
    if (suppliers::KeyIs(key, "travelerType")) {
      std::string_view type;
      if (!ReadText(fv, type, "travelerType", Want::kTyped)) return false;
      if (type.empty()) return true;
      std::optional<PassengerType> parsed = ParseTravelerType(type, traveler.adult_like);
      if (!parsed) return Drop(DropReason::kBadValue, "travelerType");
      traveler.type = *parsed;
      traveler.type_known = true;
    } else if (suppliers::KeyIs(key, "price")) {
      return ReadFields(fv, "price", Want::kTyped, [&](Key price_key, Value& pv) {
               if (suppliers::KeyIs(price_key, "total")) {
                 return ReadText(pv, traveler.total, "price/total", Want::kTyped);
               }
               if (suppliers::KeyIs(price_key, "currency")) {
                 return ReadText(pv, traveler.currency, "price/currency", Want::kTyped);
               }
               return true;
             }) != Found::kFailed;
    }
    return true;
  });
  if (found == Found::kFailed) return false;
  if (!traveler.type_known) return Drop(DropReason::kMissingField, "travelerType");
  return true;
}

bool OfferReader::ReadFareDetails(Value& v, uint16_t t) {
  uint16_t k = 0;
  const Found found = ReadElements(v, "fareDetailsBySegment", Want::kTyped, [&](Value& item) {
    if (k == UINT16_MAX) return Drop(DropReason::kBadValue, "fareDetailsBySegment");
    fare_detail_ = k;
    return ReadFareDetail(item, t, k++, !adult_seen_);
  });
  if (found == Found::kFailed) return false;
  fare_detail_ = -1;
  return true;
}

bool OfferReader::ReadFareDetail(Value& v, uint16_t t, uint16_t k, bool full) {
  Object obj;
  if (Open(v, obj, "", Want::kRequired) != Found::kValue) return false;
  FareDetail& detail = s_.fare_details.emplace_back();
  detail.traveler = t;
  detail.index = k;
  const bool walked = ForEachField(obj, "", [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "segmentId")) return ReadIdText(fv, detail.segment_id, "segmentId");
    if (!full) return true;
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'c':
        if (suppliers::KeyIs(key, "cabin")) {
          std::string_view cabin;
          if (!ReadText(fv, cabin, "cabin", Want::kTyped)) return false;
          detail.cabin = ToCabin(cabin);
        } else if (suppliers::KeyIs(key, "class")) {
          return ReadText(fv, detail.booking_class, "class", Want::kTyped);
        }
        break;
      case 'f':
        if (suppliers::KeyIs(key, "fareBasis")) {
          return ReadText(fv, detail.fare_basis, "fareBasis", Want::kTyped);
        }
        break;
      case 'b':
        if (suppliers::KeyIs(key, "brandedFare")) {
          return ReadText(fv, detail.branded_fare, "brandedFare", Want::kTyped);
        } else if (suppliers::KeyIs(key, "brandedFareLabel")) {
          return ReadText(fv, detail.branded_fare_label, "brandedFareLabel", Want::kTyped);
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "includedCheckedBags")) {
          return ReadBags(fv, detail.bags, true);
        } else if (suppliers::KeyIs(key, "includedCabinBags")) {
          return ReadBags(fv, detail.bags, false);
        }
        break;
      default:
        break;
    }
    // "amenities" (observed, not specified) and everything else are skipped unread.
    return true;
  });
  if (!walked) return false;
  if (detail.segment_id.empty()) return Drop(DropReason::kMissingField, "segmentId");
  return true;
}

bool OfferReader::ReadBags(Value& v, SegmentBags& bags, bool checked) {
  using std::string_view_literals::operator""sv;  // no strlen at run time
  const std::string_view leaf = checked ? "includedCheckedBags"sv : "includedCabinBags"sv;
  std::optional<int64_t> quantity;
  std::optional<int64_t> weight;
  std::string_view unit;
  const Found found = ReadFields(v, leaf, Want::kTyped, [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "quantity")) return ReadInteger(fv, quantity, leaf, Want::kTyped);
    if (suppliers::KeyIs(key, "weight")) return ReadInteger(fv, weight, leaf, Want::kTyped);
    if (suppliers::KeyIs(key, "weightUnit")) return ReadText(fv, unit, leaf, Want::kTyped);
    return true;
  });
  if (found != Found::kValue) return found == Found::kAbsent;
  SetBags(quantity, weight, unit, checked, bags);
  return true;
}

void OfferReader::SetBags(std::optional<int64_t> quantity, std::optional<int64_t> weight,
                          std::string_view unit, bool checked, SegmentBags& bags) {
  if (!checked) {
    if (quantity && *quantity >= 0) {
      bags.cabin_stated = true;
      bags.cabin_pieces = ClampInt16(*quantity);
    }
    return;
  }
  if (quantity && *quantity >= 0) {
    bags.checked_stated = true;
    bags.checked_pieces = ClampInt16(*quantity);
  }
  if (weight && *weight >= 0) {
    if (std::optional<bool> pounds = IsPounds(unit)) {
      bags.checked_stated = true;
      bags.checked_kg = ClampInt16(*pounds ? PoundsToKg(*weight) : *weight);
    }
  }
}

}  // namespace fareflow::amadeus::internal
