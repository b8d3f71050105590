#include "suppliers/amadeus/offer_parser.h"

#include <optional>
#include <string_view>
#include <utility>

#include "suppliers/amadeus/field_values.h"

// The itineraries of an offer: segments, their end points, carriers and CO2 figures.

namespace fareflow::amadeus::internal {

bool OfferParser::ParseItineraries(od::value& v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "itineraries")) return false;
  if (!present) return true;  // null: reported as missing by Finish
  itineraries_seen_ = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "itineraries");
    if (s_.itineraries.size() == kMaxItineraries) {
      return Drop(DropReason::kBadValue, "itineraries (more than 250)");
    }
    itinerary_ = static_cast<int>(s_.itineraries.size());
    if (!ParseItinerary(item)) return false;
  }
  itinerary_ = -1;
  return true;
}

bool OfferParser::ParseItinerary(od::value& v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  Itinerary& itinerary = s_.itineraries.emplace_back();
  itinerary.first_segment = static_cast<uint32_t>(s_.segments.size());
  bool segments_seen = false;
  int32_t duration = -1;
  for (auto field_result : obj) {
    // Fields are used in place (value_unsafe after the error check), not copied out with get():
    // that copy costs a store-forwarding stall per key (see OfferParser::ParseOffer).
    if (error_code e = field_result.error()) return JsonError(e, "");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "segments")) {
      od::array arr;
      if (!OpenArray(fv, arr, segments_seen, "segments")) return false;
      if (!segments_seen) continue;
      for (auto element : arr) {
        od::value item;
        if (error_code e = element.get(item)) return JsonError(e, "segments");
        const std::size_t count = s_.segments.size() - itinerary.first_segment;
        if (count == kMaxSegmentsPerItinerary) {
          return Drop(DropReason::kBadValue, "segments (more than 9)");
        }
        segment_ = static_cast<int>(count);
        if (!ParseSegment(item)) return false;
      }
      segment_ = -1;
    } else if (suppliers::KeyIs(key, "duration")) {
      std::string_view text;
      if (!ReadStr(fv, text, "duration")) return false;
      if (std::optional<int32_t> d = ParseIsoDuration(text)) duration = *d;
    }
  }
  itinerary.segment_count = static_cast<uint32_t>(s_.segments.size() - itinerary.first_segment);
  itinerary.duration_minutes = duration;
  if (!segments_seen) return Drop(DropReason::kMissingField, "segments");
  if (itinerary.segment_count == 0) return Drop(DropReason::kInconsistent, "segments (empty)");
  return true;
}

bool OfferParser::ParseEndPoint(od::value& v, EndPoint& ep, bool departure) {
  od::object obj;
  if (!OpenObject(v, obj, ep.present, departure ? "departure" : "arrival")) return false;
  if (!ep.present) return true;
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, "");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    if (suppliers::KeyIs(key, "iataCode")) {
      const std::string_view leaf = departure ? "departure/iataCode" : "arrival/iataCode";
      std::string_view text;
      if (!ReadStr(fv, text, leaf)) return false;
      if (text.empty()) continue;
      ep.code = LocationCode::Parse(text);
      if (!ep.code.valid()) return Drop(DropReason::kBadValue, leaf);
    } else if (suppliers::KeyIs(key, "at")) {
      const std::string_view leaf = departure ? "departure/at" : "arrival/at";
      std::string_view text;
      if (!ReadStr(fv, text, leaf)) return false;
      if (text.empty()) continue;
      std::optional<Minutes> at = ParseLocalDateTime(text);
      if (!at) return Drop(DropReason::kBadValue, leaf);
      ep.at = *at;
      ep.has_at = true;
    } else if (suppliers::KeyIs(key, "terminal")) {
      if (!ReadIdText(fv, ep.terminal, departure ? "departure/terminal" : "arrival/terminal")) {
        return false;
      }
    }
  }
  return true;
}

bool OfferParser::ParseCo2(od::value& v, SegmentExtra& extra) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "co2Emissions")) return false;
  if (!present) return true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "co2Emissions");
    if (extra.co2_grams >= 0) continue;  // the first figure is the segment's
    od::object obj;
    bool obj_present = false;
    if (!OpenObject(item, obj, obj_present, "co2Emissions")) return false;
    if (!obj_present) continue;
    std::optional<int64_t> weight;
    std::string_view unit;
    for (auto field_result : obj) {
      if (error_code e = field_result.error()) return JsonError(e, "co2Emissions");
      od::field& field = field_result.value_unsafe();
      const od::raw_json_string key = field.key();
      od::value& fv = field.value();
      if (suppliers::KeyIs(key, "weight")) {
        if (!ReadInt(fv, weight, "co2Emissions/weight")) return false;
      } else if (suppliers::KeyIs(key, "weightUnit")) {
        if (!ReadStr(fv, unit, "co2Emissions/weightUnit")) return false;
      }
    }
    std::optional<bool> pounds = IsPounds(unit);
    if (!weight || *weight < 0 || *weight > 10'000'000 || !pounds) continue;
    extra.co2_grams = *pounds ? (*weight * 45'359'237 + 50'000) / 100'000 : *weight * 1000;
  }
  return true;
}

bool OfferParser::ParseAircraft(od::value& fv, Segment& seg) {
  od::object aircraft;
  bool aircraft_present = false;
  if (!OpenObject(fv, aircraft, aircraft_present, "aircraft")) return false;
  if (!aircraft_present) return true;
  for (auto af : aircraft) {
    if (error_code e = af.error()) return JsonError(e, "aircraft");
    od::field& f = af.value_unsafe();
    if (suppliers::KeyIs(f.key(), "code") &&
        !ReadIdText(f.value(), seg.aircraft_code, "aircraft/code")) {
      return false;
    }
  }
  return true;
}

bool OfferParser::ParseOperating(od::value& fv, Segment& seg) {
  od::object operating;
  bool operating_present = false;
  std::string_view operating_carrier;
  if (!OpenObject(fv, operating, operating_present, "operating")) return false;
  if (!operating_present) return true;
  for (auto of : operating) {
    if (error_code e = of.error()) return JsonError(e, "operating");
    od::field& f = of.value_unsafe();
    const od::raw_json_string okey = f.key();
    if (suppliers::KeyIs(okey, "carrierCode")) {
      if (!ReadStr(f.value(), operating_carrier, "operating/carrierCode")) return false;
      if (operating_carrier.empty()) continue;
      seg.operating_carrier = AirlineCode::Parse(operating_carrier);
      if (!seg.operating_carrier.valid()) {
        return Drop(DropReason::kBadValue, "operating/carrierCode");
      }
    } else if (suppliers::KeyIs(okey, "number")) {
      if (!ReadIdText(f.value(), seg.operating_flight_number, "operating/number")) {
        return false;
      }
    }
  }
  return true;
}

bool OfferParser::ParseSegment(od::value& v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  const std::size_t at = s_.segments.size();
  s_.segments.emplace_back();
  s_.extras.emplace_back();
  Segment& seg = s_.segments[at];
  SegmentExtra& extra = s_.extras[at];
  EndPoint dep;
  EndPoint arr;
  for (auto field_result : obj) {
    if (error_code e = field_result.error()) return JsonError(e, "");
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& fv = field.value();
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'd':
        if (suppliers::KeyIs(key, "departure")) {
          if (!ParseEndPoint(fv, dep, true)) return false;
        } else if (suppliers::KeyIs(key, "duration")) {
          std::string_view text;
          if (!ReadStr(fv, text, "duration")) return false;
          if (std::optional<int32_t> d = ParseIsoDuration(text)) seg.supplier_duration_minutes = *d;
        }
        break;
      case 'a':
        if (suppliers::KeyIs(key, "arrival")) {
          if (!ParseEndPoint(fv, arr, false)) return false;
        } else if (suppliers::KeyIs(key, "aircraft")) {
          if (!ParseAircraft(fv, seg)) return false;
        }
        break;
      case 'c':
        if (suppliers::KeyIs(key, "carrierCode")) {
          std::string_view carrier;
          if (!ReadStr(fv, carrier, "carrierCode")) return false;
          if (carrier.empty()) break;
          seg.marketing_carrier = AirlineCode::Parse(carrier);
          if (!seg.marketing_carrier.valid()) return Drop(DropReason::kBadValue, "carrierCode");
        } else if (suppliers::KeyIs(key, "co2Emissions")) {
          if (!ParseCo2(fv, extra)) return false;
        }
        break;
      case 'n':
        if (suppliers::KeyIs(key, "number")) {
          if (!ReadIdText(fv, seg.marketing_flight_number, "number")) return false;
          if (!seg.marketing_flight_number.empty() &&
              !IsFlightNumber(seg.marketing_flight_number)) {
            return Drop(DropReason::kBadValue, "number");
          }
        } else if (suppliers::KeyIs(key, "numberOfStops")) {
          std::optional<int64_t> stops;
          if (!ReadInt(fv, stops, "numberOfStops")) return false;
          if (stops && *stops >= 0) seg.technical_stops = ClampInt16(*stops);
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "id")) {
          if (!ReadIdText(fv, seg.supplier_segment_id, "id")) return false;
        }
        break;
      case 'o':
        if (suppliers::KeyIs(key, "operating")) {
          if (!ParseOperating(fv, seg)) return false;
        }
        break;
      default:
        break;
    }
  }
  if (!dep.present) return Drop(DropReason::kMissingField, "departure");
  if (!dep.code.valid()) return Drop(DropReason::kMissingField, "departure/iataCode");
  if (!dep.has_at) return Drop(DropReason::kMissingField, "departure/at");
  if (!arr.present) return Drop(DropReason::kMissingField, "arrival");
  if (!arr.code.valid()) return Drop(DropReason::kMissingField, "arrival/iataCode");
  if (!arr.has_at) return Drop(DropReason::kMissingField, "arrival/at");
  if (!seg.marketing_carrier.valid()) return Drop(DropReason::kMissingField, "carrierCode");
  if (seg.marketing_flight_number.empty()) return Drop(DropReason::kMissingField, "number");
  seg.origin = dep.code;
  seg.destination = arr.code;
  seg.origin_terminal = dep.terminal;
  seg.destination_terminal = arr.terminal;
  seg.departure_local = dep.at;
  seg.arrival_local = arr.at;
  if (!seg.operating_carrier.valid()) {
    // No operating block (or one without a carrier): the marketing carrier flies it.
    seg.operating_carrier = seg.marketing_carrier;
    if (seg.operating_flight_number.empty()) {
      seg.operating_flight_number = seg.marketing_flight_number;
    }
  } else if (seg.operating_carrier == seg.marketing_carrier &&
             seg.operating_flight_number.empty()) {
    seg.operating_flight_number = seg.marketing_flight_number;
  }
  return true;
}

}  // namespace fareflow::amadeus::internal
