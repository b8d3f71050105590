#include "suppliers/amadeus/offer_reader.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>

#include "suppliers/amadeus/field_values.h"
#include "suppliers/json_fields.h"

// The offer's own fields, the bookkeeping of why an offer is dropped, and keeping or dropping
// the finished offer.

namespace fareflow::amadeus::internal {

bool OfferReader::Drop(DropReason reason, std::string_view leaf) {
  reason_ = reason;
  int n = 0;
  const int cap = static_cast<int>(sizeof(path_));
  if (itinerary_ >= 0) {
    n += std::snprintf(path_ + n, sizeof(path_) - n, "/itineraries/%d", itinerary_);
    if (segment_ >= 0 && n < cap) {
      n += std::snprintf(path_ + n, sizeof(path_) - n, "/segments/%d", segment_);
    }
  } else if (traveler_ >= 0) {
    n += std::snprintf(path_ + n, sizeof(path_) - n, "/travelerPricings/%d", traveler_);
    if (fare_detail_ >= 0 && n < cap) {
      n += std::snprintf(path_ + n, sizeof(path_) - n, "/fareDetailsBySegment/%d", fare_detail_);
    }
  }
  if (n < cap) {
    std::snprintf(path_ + n, sizeof(path_) - n, "/%.*s", static_cast<int>(leaf.size()),
                  leaf.data());
  }
  return false;
}

bool OfferReader::Fatal(simdjson::error_code error, std::string_view leaf) {
  fatal_ = error;
  // A broken field list of the offer object itself has no path below the offer.
  const bool in_offer = !leaf.empty() || itinerary_ >= 0 || traveler_ >= 0;
  if (in_offer) Drop(DropReason::kMissingField, leaf);  // only to record the path
  return false;
}

bool OfferReader::ReadBool(Value& v, std::optional<bool>& out, std::string_view leaf) {
  bool b = false;
  const simdjson::error_code e = v.get_bool().get(b);
  if (e == simdjson::SUCCESS) {
    out = b;
    return true;
  }
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    out.reset();
    return true;
  }
  return Fail(e, leaf);
}

void OfferReader::Reset() {
  s_.Clear();
  id_ = {};
  validating_ = AirlineCode();
  itineraries_seen_ = price_seen_ = false;
  grand_total_ = total_ = base_ = currency_ = {};
  seats_ = kUnknownCount;
  refundable_ = false;
  adult_seen_ = false;
  itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
}

bool OfferReader::TakeOffer(Value value, int index) {
  Reset();
  if (!ReadFast(value)) {
    // Read again by On-Demand, which still stands at the offer: the fast path only reads ahead.
    Reset();
    if (!ReadOffer(value)) {
      if (fatal_) return false;
      CommitDrop(index);
      return true;
    }
  }
  // Built in place: no copy of the finished offer. A dropped one is taken off again.
  Offer& offer = out_.offers.emplace_back();
  if (!Finish(offer)) {
    out_.offers.pop_back();
    CommitDrop(index);
    return true;
  }
  if (std::optional<DropReason> reason =
          enricher_.Enrich(offer, arena_, &out_.zone_disagreements)) {
    out_.offers.pop_back();
    reason_ = *reason;
    std::snprintf(path_, sizeof(path_), "(enrichment)");
    CommitDrop(index);
    return true;
  }
  return true;
}

bool OfferReader::ReadOffer(Value& value) {
  Object obj;
  bool ok = true;  // false once the offer is to be dropped: from then on only `id` is read
  switch (Open(value, obj, "", Want::kTyped)) {
    case Found::kFailed:
      ok = false;
      break;
    case Found::kAbsent:
      ok = Drop(DropReason::kWrongType, "");
      break;
    case Found::kValue:
      ForEachField(obj, "", [&](Key key, Value& v) {
        if (!ok) {
          // Only the id is still of interest, for the drop detail. Every other value is skipped
          // (and still checked for structure) by the iterator.
          if (id_.empty() && suppliers::KeyIs(key, "id")) {
            std::string_view id;
            if (suppliers::ReadString(v, arena_, id) == simdjson::SUCCESS) id_ = id;
          }
          return true;
        }
        // Dispatch on the first character: one or two comparisons per key instead of a chain.
        switch (key.raw()[0]) {
          case 'i':
            if (suppliers::KeyIs(key, "itineraries")) {
              ok = ReadItineraries(v);
            } else if (suppliers::KeyIs(key, "id")) {
              ok = ReadIdText(v, id_, "id");
            }
            break;
          case 't':
            if (suppliers::KeyIs(key, "travelerPricings")) ok = ReadTravelerPricings(v);
            break;
          case 'p':
            if (suppliers::KeyIs(key, "price")) {
              ok = ReadPrice(v);
            } else if (suppliers::KeyIs(key, "pricingOptions")) {
              ok = ReadPricingOptions(v);
            }
            break;
          case 'v':
            if (suppliers::KeyIs(key, "validatingAirlineCodes")) ok = ReadValidatingCarriers(v);
            break;
          case 'n':
            if (suppliers::KeyIs(key, "numberOfBookableSeats")) {
              std::optional<int64_t> seats;
              ok = ReadInteger(v, seats, "numberOfBookableSeats", Want::kTyped);
              if (ok && seats && *seats >= 0) seats_ = ClampInt16(*seats);
            }
            break;
          default:
            break;
        }
        if (!ok) itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
        return fatal_ == simdjson::SUCCESS;
      });
      break;
  }
  return ok && fatal_ == simdjson::SUCCESS;
}

void OfferReader::CommitDrop(int index) {
  if (!out_.first_drop_detail.empty()) {
    out_.Drop(reason_, {});  // only the first drop keeps a detail
    return;
  }
  char detail[256];
  if (!id_.empty()) {
    std::snprintf(detail, sizeof(detail), "offer %.*s: %s",
                  static_cast<int>(std::min<std::size_t>(id_.size(), 64)), id_.data(), path_);
  } else {
    std::snprintf(detail, sizeof(detail), "offer #%d: %s", index, path_);
  }
  out_.Drop(reason_, detail);
}

bool OfferReader::ReadValidatingCarriers(Value& v) {
  bool first = true;  // only the first code is the validating carrier
  return ReadElements(v, "validatingAirlineCodes", Want::kTyped, [&](Value& item) {
           if (!first) return true;
           first = false;
           std::string_view code;
           if (!ReadText(item, code, "validatingAirlineCodes/0", Want::kTyped)) return false;
           validating_ = AirlineCode::Parse(code);  // may stay invalid
           return true;
         }) != Found::kFailed;
}

}  // namespace fareflow::amadeus::internal
