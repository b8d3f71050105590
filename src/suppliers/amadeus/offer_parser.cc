#include "suppliers/amadeus/offer_parser.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include "suppliers/amadeus/field_values.h"
#include "suppliers/json_fields.h"

namespace fareflow::amadeus::internal {

bool OfferParser::Drop(DropReason reason, std::string_view leaf) {
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

bool OfferParser::JsonError(error_code e, std::string_view leaf) {
  if (IsValueError(e)) {
    return Drop(e == simdjson::INCORRECT_TYPE ? DropReason::kWrongType : DropReason::kBadValue,
                leaf);
  }
  fatal_ = e;
  Drop(DropReason::kMissingField, leaf);  // only to record the path
  return false;
}

bool OfferParser::ReadBool(od::value v, std::optional<bool>& out, std::string_view leaf) {
  bool b = false;
  error_code e = v.get_bool().get(b);
  if (e == simdjson::SUCCESS) {
    out = b;
    return true;
  }
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    out.reset();
    return true;
  }
  return JsonError(e, leaf);
}

bool OfferParser::NullOrError(od::value& v, error_code e, std::string_view leaf) {
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    return true;
  }
  return JsonError(e, leaf);
}

bool OfferParser::ParseOffer(od::value value, int index) {
  s_.Clear();
  id_ = {};
  validating_ = AirlineCode();
  itineraries_seen_ = price_seen_ = false;
  grand_total_ = total_ = base_ = currency_ = {};
  seats_ = kUnknownCount;
  refundable_ = false;
  adult_seen_ = false;
  itinerary_ = segment_ = traveler_ = fare_detail_ = -1;

  od::object obj;
  bool present = false;
  bool ok = OpenObject(value, obj, present, "");
  if (ok && !present) ok = Drop(DropReason::kWrongType, "");
  if (ok) {
    for (auto field_result : obj) {
      // Fields are used in place (value_unsafe after the error check) rather than copied out
      // with get(): the copy reads back narrow stores as one wide load, a store-forwarding
      // stall on every key.
      if (error_code e = field_result.error()) {
        fatal_ = e;  // a broken object, never a value error
        return false;
      }
      od::field& field = field_result.value_unsafe();
      const od::raw_json_string key = field.key();
      od::value& v = field.value();
      if (!ok) {
        // The offer is already dropped; only its id is still of interest, for the drop detail.
        // Every other value is skipped (and still checked for structure) by the iterator.
        if (id_.empty() && suppliers::KeyIs(key, "id")) {
          std::string_view id;
          if (suppliers::ReadString(v, arena_, id) == simdjson::SUCCESS) id_ = id;
        }
        continue;
      }
      // Dispatch on the first character: one or two comparisons per key instead of a chain.
      switch (key.raw()[0]) {
        case 'i':
          if (suppliers::KeyIs(key, "itineraries")) {
            ok = ParseItineraries(v);
          } else if (suppliers::KeyIs(key, "id")) {
            ok = ReadIdText(v, id_, "id");
          }
          break;
        case 't':
          if (suppliers::KeyIs(key, "travelerPricings")) ok = ParseTravelerPricings(v);
          break;
        case 'p':
          if (suppliers::KeyIs(key, "price")) {
            ok = ParsePrice(v);
          } else if (suppliers::KeyIs(key, "pricingOptions")) {
            ok = ParsePricingOptions(v);
          }
          break;
        case 'v':
          if (suppliers::KeyIs(key, "validatingAirlineCodes")) ok = ParseValidatingCarriers(v);
          break;
        case 'n':
          if (suppliers::KeyIs(key, "numberOfBookableSeats")) {
            std::optional<int64_t> seats;
            ok = ReadInt(v, seats, "numberOfBookableSeats");
            if (ok && seats && *seats >= 0) seats_ = ClampInt16(*seats);
          }
          break;
        default:
          break;
      }
      if (fatal_) return false;
      if (!ok) itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
    }
  }
  if (fatal_) return false;
  if (!ok) {
    CommitDrop(index);
    return true;
  }
  // Built in place: no copy of the finished offer. A dropped one is taken off again.
  Offer& offer = out_.offers.emplace_back();
  if (!Finish(offer)) {
    out_.offers.pop_back();
    CommitDrop(index);
    return true;
  }
  if (std::optional<DropReason> reason = enricher_.Enrich(offer, arena_)) {
    out_.offers.pop_back();
    reason_ = *reason;
    std::snprintf(path_, sizeof(path_), "(enrichment)");
    CommitDrop(index);
    return true;
  }
  return true;
}

void OfferParser::CommitDrop(int index) {
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

bool OfferParser::ParsePrice(od::value& v) {
  od::object obj;
  if (!OpenObject(v, obj, price_seen_, "price")) return false;
  if (!price_seen_) return true;
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, "price");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "grandTotal")) {
      if (!ReadStr(fv, grand_total_, "price/grandTotal")) return false;
    } else if (suppliers::KeyIs(key, "total")) {
      if (!ReadStr(fv, total_, "price/total")) return false;
    } else if (suppliers::KeyIs(key, "base")) {
      if (!ReadStr(fv, base_, "price/base")) return false;
    } else if (suppliers::KeyIs(key, "currency")) {
      if (!ReadStr(fv, currency_, "price/currency")) return false;
    }
  }
  return true;
}

bool OfferParser::ParseValidatingCarriers(od::value& v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "validatingAirlineCodes")) return false;
  if (!present) return true;
  bool first = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "validatingAirlineCodes");
    if (!first) continue;  // only the first one is the validating carrier
    first = false;
    std::string_view code;
    if (!ReadStr(item, code, "validatingAirlineCodes/0")) return false;
    validating_ = AirlineCode::Parse(code);  // may stay invalid
  }
  return true;
}

bool OfferParser::ParsePricingOptions(od::value& v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "pricingOptions")) return false;
  if (!present) return true;
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, "pricingOptions");
    od::field& field = field_result.value_unsafe();
    if (suppliers::KeyIs(field.key(), "refundableFare")) {
      std::optional<bool> refundable;
      if (!ReadBool(field.value(), refundable, "pricingOptions/refundableFare")) return false;
      refundable_ = refundable.value_or(false);
    }
  }
  return true;
}

}  // namespace fareflow::amadeus::internal
