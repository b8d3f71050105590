#include "suppliers/amadeus/offer_reader.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/datetime.h"
#include "suppliers/amadeus/field_values.h"
#include "suppliers/json_fields.h"

// The itineraries of an offer: segments, their end points, carriers and CO2 figures.

namespace fareflow::amadeus::internal {

bool OfferReader::ReadItineraries(Value& v) {
  const Found found = ReadElements(v, "itineraries", Want::kTyped, [&](Value& item) {
    if (s_.itineraries.size() == kMaxItineraries) {
      return Drop(DropReason::kBadValue, "itineraries (more than 250)");
    }
    itinerary_ = static_cast<int>(s_.itineraries.size());
    return ReadItinerary(item);
  });
  if (found == Found::kFailed) return false;
  if (found == Found::kAbsent) return true;  // null: reported as missing by Finish
  itineraries_seen_ = true;
  itinerary_ = -1;
  return true;
}

bool OfferReader::ReadItinerary(Value& v) {
  Object obj;
  if (Open(v, obj, "", Want::kRequired) != Found::kValue) return false;
  Itinerary& itinerary = s_.itineraries.emplace_back();
  itinerary.first_segment = static_cast<uint32_t>(s_.segments.size());
  bool segments_seen = false;
  int32_t duration = -1;
  const bool walked = ForEachField(obj, "", [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "segments")) {
      const Found segments = ReadSegments(fv, itinerary.first_segment);
      segments_seen = segments == Found::kValue;
      return segments != Found::kFailed;
    }
    if (suppliers::KeyIs(key, "duration")) {
      std::string_view text;
      if (!ReadText(fv, text, "duration", Want::kTyped)) return false;
      if (std::optional<int32_t> d = ParseIsoDuration(text)) duration = *d;
    }
    return true;
  });
  if (!walked) return false;
  itinerary.segment_count = static_cast<uint32_t>(s_.segments.size() - itinerary.first_segment);
  itinerary.duration_minutes = duration;
  if (!segments_seen) return Drop(DropReason::kMissingField, "segments");
  if (itinerary.segment_count == 0) return Drop(DropReason::kInconsistent, "segments (empty)");
  return true;
}

OfferReader::Found OfferReader::ReadSegments(Value& v, std::size_t first_segment) {
  const Found found = ReadElements(v, "segments", Want::kTyped, [&](Value& item) {
    const std::size_t count = s_.segments.size() - first_segment;
    if (count == kMaxSegmentsPerItinerary) {
      return Drop(DropReason::kBadValue, "segments (more than 9)");
    }
    segment_ = static_cast<int>(count);
    return ReadSegment(item);
  });
  if (found == Found::kValue) segment_ = -1;
  return found;
}

bool OfferReader::ReadEndPoint(Value& v, EndPoint& ep, bool departure) {
  // Leaves as string_view literals: a `const char*` chosen at run time would cost a strlen on
  // every end point, before the value is even read.
  using std::string_view_literals::operator""sv;
  Object obj;
  const Found found = Open(v, obj, departure ? "departure"sv : "arrival"sv, Want::kTyped);
  ep.present = found == Found::kValue;
  if (found != Found::kValue) return found == Found::kAbsent;
  return ForEachField(obj, "", [&](Key key, Value& fv) {
    if (suppliers::KeyIs(key, "iataCode")) {
      const std::string_view leaf = departure ? "departure/iataCode"sv : "arrival/iataCode"sv;
      std::string_view text;
      if (!ReadText(fv, text, leaf, Want::kTyped)) return false;
      if (text.empty()) return true;
      ep.code = LocationCode::Parse(text);
      if (!ep.code.valid()) return Drop(DropReason::kBadValue, leaf);
    } else if (suppliers::KeyIs(key, "at")) {
      const std::string_view leaf = departure ? "departure/at"sv : "arrival/at"sv;
      std::string_view text;
      if (!ReadText(fv, text, leaf, Want::kTyped)) return false;
      if (text.empty()) return true;
      std::optional<Minutes> at = ParseLocalDateTime(text);
      if (!at) return Drop(DropReason::kBadValue, leaf);
      ep.at = *at;
      ep.has_at = true;
    } else if (suppliers::KeyIs(key, "terminal")) {
      return ReadIdText(fv, ep.terminal, departure ? "departure/terminal"sv : "arrival/terminal"sv);
    }
    return true;
  });
}

bool OfferReader::ReadCo2(Value& v, SegmentExtra& extra) {
  return ReadElements(v, "co2Emissions", Want::kTyped, [&](Value& item) {
           if (extra.co2_grams >= 0) return true;  // the first figure is the segment's
           std::optional<int64_t> weight;
           std::string_view unit;
           const Found found =
               ReadFields(item, "co2Emissions", Want::kTyped, [&](Key key, Value& fv) {
                 if (suppliers::KeyIs(key, "weight")) {
                   return ReadInteger(fv, weight, "co2Emissions/weight", Want::kTyped);
                 }
                 if (suppliers::KeyIs(key, "weightUnit")) {
                   return ReadText(fv, unit, "co2Emissions/weightUnit", Want::kTyped);
                 }
                 return true;
               });
           if (found != Found::kValue) return found == Found::kAbsent;
           SetCo2(weight, unit, extra);
           return true;
         }) != Found::kFailed;
}

void OfferReader::SetCo2(std::optional<int64_t> weight, std::string_view unit,
                         SegmentExtra& extra) {
  std::optional<bool> pounds = IsPounds(unit);
  if (!weight || *weight < 0 || *weight > 10'000'000 || !pounds) return;
  extra.co2_grams = *pounds ? (*weight * 45'359'237 + 50'000) / 100'000 : *weight * 1000;
}

bool OfferReader::ReadAircraft(Value& v, Segment& seg) {
  return ReadFields(v, "aircraft", Want::kTyped, [&](Key key, Value& fv) {
           return !suppliers::KeyIs(key, "code") ||
                  ReadIdText(fv, seg.aircraft_code, "aircraft/code");
         }) != Found::kFailed;
}

bool OfferReader::ReadOperating(Value& v, Segment& seg) {
  return ReadFields(v, "operating", Want::kTyped, [&](Key key, Value& fv) {
           if (suppliers::KeyIs(key, "carrierCode")) {
             std::string_view carrier;
             if (!ReadText(fv, carrier, "operating/carrierCode", Want::kTyped)) return false;
             if (carrier.empty()) return true;
             seg.operating_carrier = AirlineCode::Parse(carrier);
             if (!seg.operating_carrier.valid()) {
               return Drop(DropReason::kBadValue, "operating/carrierCode");
             }
           } else if (suppliers::KeyIs(key, "number")) {
             return ReadIdText(fv, seg.operating_flight_number, "operating/number");
           }
           return true;
         }) != Found::kFailed;
}

bool OfferReader::ReadSegment(Value& v) {
  Object obj;
  if (Open(v, obj, "", Want::kRequired) != Found::kValue) return false;
  const std::size_t at = s_.AddSegment();
  Segment& seg = s_.segments[at];
  SegmentExtra& extra = s_.extras[at];
  EndPoint dep;
  EndPoint arr;
  const bool walked = ForEachField(obj, "", [&](Key key, Value& fv) {
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'd':
        if (suppliers::KeyIs(key, "departure")) {
          return ReadEndPoint(fv, dep, true);
        } else if (suppliers::KeyIs(key, "duration")) {
          std::string_view text;
          if (!ReadText(fv, text, "duration", Want::kTyped)) return false;
          if (std::optional<int32_t> d = ParseIsoDuration(text)) seg.supplier_duration_minutes = *d;
        }
        break;
      case 'a':
        if (suppliers::KeyIs(key, "arrival")) {
          return ReadEndPoint(fv, arr, false);
        } else if (suppliers::KeyIs(key, "aircraft")) {
          return ReadAircraft(fv, seg);
        }
        break;
      case 'c':
        if (suppliers::KeyIs(key, "carrierCode")) {
          std::string_view carrier;
          if (!ReadText(fv, carrier, "carrierCode", Want::kTyped)) return false;
          if (carrier.empty()) return true;
          seg.marketing_carrier = AirlineCode::Parse(carrier);
          if (!seg.marketing_carrier.valid()) return Drop(DropReason::kBadValue, "carrierCode");
        } else if (suppliers::KeyIs(key, "co2Emissions")) {
          return ReadCo2(fv, extra);
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
          if (!ReadInteger(fv, stops, "numberOfStops", Want::kTyped)) return false;
          if (stops && *stops >= 0) seg.technical_stops = ClampInt16(*stops);
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "id")) {
          return ReadIdText(fv, seg.supplier_segment_id, "id");
        }
        break;
      case 'o':
        if (suppliers::KeyIs(key, "operating")) {
          return ReadOperating(fv, seg);
        }
        break;
      default:
        break;
    }
    return true;
  });
  return walked && FinishSegment(dep, arr, seg);
}

bool OfferReader::FinishSegment(const EndPoint& dep, const EndPoint& arr, Segment& seg) {
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
