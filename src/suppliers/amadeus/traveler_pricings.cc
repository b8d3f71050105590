#include "suppliers/amadeus/offer_parser.h"

#include <optional>
#include <string_view>
#include <utility>

#include "suppliers/amadeus/field_values.h"

// The travelerPricings of an offer: passenger types and prices, and the fare details (cabin,
// booking class, fare basis, brand, bags) of each segment.

namespace fareflow::amadeus::internal {

bool OfferParser::ParseTravelerPricings(od::value& v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "travelerPricings")) return false;
  if (!present) return true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "travelerPricings");
    if (s_.traveler_count == kMaxTravelers) {
      return Drop(DropReason::kBadValue, "travelerPricings (more than 18)");
    }
    const auto t = static_cast<uint16_t>(s_.traveler_count++);
    s_.travelers[t] = Traveler();
    traveler_ = t;
    if (!ParseTraveler(item, t)) return false;
    adult_seen_ = adult_seen_ || s_.travelers[t].adult_like;
  }
  traveler_ = -1;
  return true;
}

bool OfferParser::ParseTraveler(od::value& v, uint16_t t) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  Traveler& traveler = s_.travelers[t];
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, "");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "fareDetailsBySegment")) {
      // Segment fares, brands and bags come from the first adult; later travelers' details
      // repeat them per passenger and are skipped unread (On-Demand skips by structure only).
      if (adult_seen_) continue;
      od::array arr;
      bool arr_present = false;
      if (!OpenArray(fv, arr, arr_present, "fareDetailsBySegment")) return false;
      if (!arr_present) continue;
      uint16_t k = 0;
      for (auto element : arr) {
        od::value item;
        if (error_code e = element.get(item)) return JsonError(e, "fareDetailsBySegment");
        if (k == UINT16_MAX) return Drop(DropReason::kBadValue, "fareDetailsBySegment");
        fare_detail_ = k;
        if (!ParseFareDetail(item, t, k++, !adult_seen_)) return false;
      }
      fare_detail_ = -1;
    } else if (suppliers::KeyIs(key, "travelerType")) {
      std::string_view type;
      if (!ReadStr(fv, type, "travelerType")) return false;
      if (type.empty()) continue;
      std::optional<PassengerType> parsed = ParseTravelerType(type, traveler.adult_like);
      if (!parsed) return Drop(DropReason::kBadValue, "travelerType");
      traveler.type = *parsed;
      traveler.type_known = true;
    } else if (suppliers::KeyIs(key, "price")) {
      od::object price;
      bool price_present = false;
      if (!OpenObject(fv, price, price_present, "price")) return false;
      if (!price_present) continue;
      for (auto pf : price) {
        if (error_code e = pf.error()) return JsonError(e, "price");
        od::field& f = pf.value_unsafe();
        const od::raw_json_string pkey = f.key();
        if (suppliers::KeyIs(pkey, "total")) {
          if (!ReadStr(f.value(), traveler.total, "price/total")) return false;
        } else if (suppliers::KeyIs(pkey, "currency")) {
          if (!ReadStr(f.value(), traveler.currency, "price/currency")) return false;
        }
      }
    }
  }
  if (!traveler.type_known) return Drop(DropReason::kMissingField, "travelerType");
  return true;
}

bool OfferParser::ParseFareDetail(od::value& v, uint16_t t, uint16_t k, bool full) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  FareDetail& detail = s_.fare_details.emplace_back();
  detail.traveler = t;
  detail.index = k;
  for (auto field_result : obj) {
    // The field is used where the iterator built it: copying it out (get(field)) costs a
    // store-forwarding stall per key (narrow stores read back as one 16-byte load).
    if (error_code e = field_result.error()) return JsonError(e, "");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "segmentId")) {
      if (!ReadIdText(fv, detail.segment_id, "segmentId")) return false;
      continue;
    }
    if (!full) continue;
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'c':
        if (suppliers::KeyIs(key, "cabin")) {
          std::string_view cabin;
          if (!ReadStr(fv, cabin, "cabin")) return false;
          detail.cabin = ToCabin(cabin);
        } else if (suppliers::KeyIs(key, "class")) {
          if (!ReadStr(fv, detail.booking_class, "class")) return false;
        }
        break;
      case 'f':
        if (suppliers::KeyIs(key, "fareBasis")) {
          if (!ReadStr(fv, detail.fare_basis, "fareBasis")) return false;
        }
        break;
      case 'b':
        if (suppliers::KeyIs(key, "brandedFare")) {
          if (!ReadStr(fv, detail.branded_fare, "brandedFare")) return false;
        } else if (suppliers::KeyIs(key, "brandedFareLabel")) {
          if (!ReadStr(fv, detail.branded_fare_label, "brandedFareLabel")) return false;
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "includedCheckedBags")) {
          if (!ParseBags(fv, detail.bags, true)) return false;
        } else if (suppliers::KeyIs(key, "includedCabinBags")) {
          if (!ParseBags(fv, detail.bags, false)) return false;
        }
        break;
      default:
        break;
    }
    // "amenities" (observed, not specified) and everything else are skipped unread.
  }
  if (detail.segment_id.empty()) return Drop(DropReason::kMissingField, "segmentId");
  return true;
}

bool OfferParser::ParseBags(od::value& v, SegmentBags& bags, bool checked) {
  const std::string_view leaf = checked ? "includedCheckedBags" : "includedCabinBags";
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, leaf)) return false;
  if (!present) return true;
  std::optional<int64_t> quantity;
  std::optional<int64_t> weight;
  std::string_view unit;
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, leaf);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "quantity")) {
      if (!ReadInt(fv, quantity, leaf)) return false;
    } else if (suppliers::KeyIs(key, "weight")) {
      if (!ReadInt(fv, weight, leaf)) return false;
    } else if (suppliers::KeyIs(key, "weightUnit")) {
      if (!ReadStr(fv, unit, leaf)) return false;
    }
  }
  if (!checked) {
    if (quantity && *quantity >= 0) {
      bags.cabin_stated = true;
      bags.cabin_pieces = ClampInt16(*quantity);
    }
    return true;
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
  return true;
}

}  // namespace fareflow::amadeus::internal
