#include "suppliers/duffel/offer_reader.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>

#include "core/codes.h"
#include "core/datetime.h"
#include "model/cabin.h"
#include "refdata/time_zones.h"
#include "suppliers/duffel/field_values.h"
#include "suppliers/duffel/local_time.h"
#include "suppliers/token_skip.h"

// The slices of an offer (the stage the Amadeus reader calls itineraries): segments, their
// places, carriers and stops, and the cabin, fare basis and bags of a segment's first passenger.

namespace fareflow::duffel::internal {

bool OfferReader::ReadSlices(Value& value) {
  int index = 0;
  const Found found = ReadElements(value, "slices", Want::kRequired, [&](Value& slice) {
    slice_ = index++;
    segment_ = -1;
    return ReadSlice(slice);
  });
  if (found == Found::kFailed) return false;
  slice_ = -1;
  if (index == 0) return Drop(DropReason::kInconsistent, "slices");
  return true;
}

bool OfferReader::ReadSlice(Value& value) {
  SliceDraft draft;
  draft.first_segment = static_cast<uint32_t>(s_.segments.size());
  bool saw_segments = false;
  const Found found = ReadFields(value, "", Want::kRequired, [&](Key key, Value& item) {
    if (suppliers::KeyIs(key, "segments")) {
      saw_segments = true;
      return ReadSegments(item);
    }
    if (suppliers::KeyIs(key, "fare_brand_name")) {
      return ReadText(item, draft.slice.fare_brand, "fare_brand_name", Want::kOptional);
    }
    if (suppliers::KeyIs(key, "duration")) {
      return ReadDuration(item, draft.slice.supplier_duration_minutes, "duration");
    }
    return Skip(item);
  });
  if (found == Found::kFailed) return false;
  if (!saw_segments) return Drop(DropReason::kMissingField, "segments");
  draft.segment_count = static_cast<uint32_t>(s_.segments.size()) - draft.first_segment;
  if (draft.segment_count == 0) return Drop(DropReason::kInconsistent, "segments");
  s_.slices.push_back(draft);
  return true;
}

bool OfferReader::ReadSegments(Value& value) {
  int index = 0;
  const Found found = ReadElements(value, "segments", Want::kRequired, [&](Value& segment) {
    segment_ = index++;
    return ReadSegment(segment);
  });
  if (found == Found::kFailed) return false;
  segment_ = -1;
  return true;
}

bool OfferReader::ReadSegment(Value& value) {
  Segment segment;
  BagAllowance bags;  // unknown unless the first passenger's `baggages` says
  SegmentTexts t;
  const Found found = ReadFields(value, "", Want::kRequired, [&](Key key, Value& item) {
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'o':
        if (suppliers::KeyIs(key, "origin")) {
          return ReadPlace(item, t.origin, t.origin_zone, "origin", "origin/iata_code");
        } else if (suppliers::KeyIs(key, "operating_carrier")) {
          return ReadCarrier(item, t.operating, segment.operating_carrier_name, "operating_carrier",
                             Want::kOptional);
        } else if (suppliers::KeyIs(key, "operating_carrier_flight_number")) {
          return ReadText(item, segment.operating_flight_number, "operating_carrier_flight_number",
                          Want::kOptional);
        } else if (suppliers::KeyIs(key, "origin_terminal")) {
          return ReadText(item, segment.origin_terminal, "origin_terminal", Want::kOptional);
        }
        break;
      case 'd':
        if (suppliers::KeyIs(key, "destination")) {
          return ReadPlace(item, t.destination, t.destination_zone, "destination",
                           "destination/iata_code");
        } else if (suppliers::KeyIs(key, "departing_at")) {
          return ReadText(item, t.departing_at, "departing_at", Want::kTyped);
        } else if (suppliers::KeyIs(key, "destination_terminal")) {
          return ReadText(item, segment.destination_terminal, "destination_terminal",
                          Want::kOptional);
        } else if (suppliers::KeyIs(key, "duration")) {
          return ReadDuration(item, segment.supplier_duration_minutes, "duration");
        }
        break;
      case 'a':
        if (suppliers::KeyIs(key, "arriving_at")) {
          return ReadText(item, t.arriving_at, "arriving_at", Want::kTyped);
        } else if (suppliers::KeyIs(key, "aircraft")) {
          return ReadIataCode(item, t.aircraft, "aircraft", Want::kOptional);
        }
        break;
      case 'm':
        if (suppliers::KeyIs(key, "marketing_carrier")) {
          return ReadCarrier(item, t.marketing, segment.marketing_carrier_name, "marketing_carrier",
                             Want::kTyped);
        } else if (suppliers::KeyIs(key, "marketing_carrier_flight_number")) {
          return ReadText(item, segment.marketing_flight_number, "marketing_carrier_flight_number",
                          Want::kTyped);
        }
        break;
      case 'p':
        if (suppliers::KeyIs(key, "passengers")) {
          return ReadSegmentPassengers(item, segment, bags);
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "id")) {
          return ReadText(item, segment.supplier_segment_id, "id", Want::kOptional);
        }
        break;
      case 's':
        if (suppliers::KeyIs(key, "stops")) {
          return CountElements(item, segment.technical_stops, "stops");
        }
        break;
      default:
        break;
    }
    return true;
  });
  if (found == Found::kFailed) return false;
  return FinishSegment(t, bags, segment);
}

bool OfferReader::FinishSegment(const SegmentTexts& t, const BagAllowance& bags, Segment& segment) {
  if (t.origin.empty()) return Drop(DropReason::kMissingField, "origin/iata_code");
  segment.origin = LocationCode::Parse(t.origin);
  if (!segment.origin.valid()) return Drop(DropReason::kBadValue, "origin/iata_code");
  if (t.destination.empty()) return Drop(DropReason::kMissingField, "destination/iata_code");
  segment.destination = LocationCode::Parse(t.destination);
  if (!segment.destination.valid()) return Drop(DropReason::kBadValue, "destination/iata_code");
  if (t.departing_at.empty()) return Drop(DropReason::kMissingField, "departing_at");
  const std::optional<Minutes> departure = ParseLocalTime(t.departing_at);
  if (!departure) return Drop(DropReason::kBadValue, "departing_at");
  segment.departure_local = *departure;
  if (t.arriving_at.empty()) return Drop(DropReason::kMissingField, "arriving_at");
  const std::optional<Minutes> arrival = ParseLocalTime(t.arriving_at);
  if (!arrival) return Drop(DropReason::kBadValue, "arriving_at");
  segment.arrival_local = *arrival;
  if (t.marketing.empty()) return Drop(DropReason::kMissingField, "marketing_carrier/iata_code");
  segment.marketing_carrier = AirlineCode::Parse(t.marketing);
  if (!segment.marketing_carrier.valid()) {
    return Drop(DropReason::kBadValue, "marketing_carrier/iata_code");
  }
  if (segment.marketing_flight_number.empty()) {
    return Drop(DropReason::kMissingField, "marketing_carrier_flight_number");
  }
  // Not codeshared unless an operating carrier says otherwise (Duffel may send null for
  // carriers without an IATA code).
  segment.operating_carrier = AirlineCode::Parse(t.operating);
  if (!segment.operating_carrier.valid()) {
    segment.operating_carrier = segment.marketing_carrier;
    segment.operating_carrier_name = segment.marketing_carrier_name;
  }
  segment.aircraft_code = t.aircraft;
  if (!t.origin_zone.empty()) segment.supplier_origin_zone = Zone(t.origin_zone);
  if (!t.destination_zone.empty()) segment.supplier_destination_zone = Zone(t.destination_zone);

  if (!s_.any_bags) {
    s_.bags = bags;
    s_.any_bags = true;
  } else {
    s_.bags.checked_pieces = LeastGenerous(s_.bags.checked_pieces, bags.checked_pieces);
    s_.bags.cabin_pieces = LeastGenerous(s_.bags.cabin_pieces, bags.cabin_pieces);
  }
  s_.segments.push_back(segment);
  return true;
}

bool OfferReader::ReadPlace(Value& value, std::string_view& code, std::string_view& zone,
                            std::string_view what, std::string_view code_what) {
  // Once iata_code and time_zone are read the rest of the place (name, coordinates, the city
  // sub-object) is skipped by structure (SkipRestOf) without reading keys. A later
  // duplicate "iata_code" or "time_zone" then no longer overrides the first; Duffel does not
  // send objects with duplicate keys. Null: the caller reports the missing code.
  bool have_code = false;
  bool have_zone = false;
  return ReadFields(value, what, Want::kTyped, [&](Key key, Value& item) {
           if (suppliers::KeyIs(key, "iata_code")) {
             if (!ReadText(item, code, code_what, Want::kTyped)) return Step::kFail;
             have_code = true;
           } else if (suppliers::KeyIs(key, "time_zone")) {
             if (!ReadText(item, zone, what, Want::kOptional)) return Step::kFail;
             have_zone = true;
           } else {
             return Step::kNext;
           }
           if (!have_code || !have_zone) return Step::kNext;
           return SkipRestOf(item) ? Step::kDone : Step::kFail;
         }) != Found::kFailed;
}

bool OfferReader::ReadSegmentPassengers(Value& value, Segment& segment, BagAllowance& bags) {
  // Cabin, fare basis and bags are taken from the first passenger; the others are skipped.
  return ReadElements(value, "passengers", Want::kOptional, [&](Value& passenger) {
           if (!ReadSegmentPassenger(passenger, segment, bags)) return Step::kFail;
           return SkipRestOf(passenger) ? Step::kDone : Step::kFail;
         }) != Found::kFailed;
}

bool OfferReader::ReadSegmentPassenger(Value& value, Segment& segment, BagAllowance& bags) {
  // `cabin` is only a fallback for a `cabin_class` that does not parse: once the class, the fare
  // basis and the bags are read, the rest of the passenger is left to the caller's skip.
  std::string_view cabin_class, cabin_name;
  std::optional<Cabin> cabin;
  bool saw_basis = false, saw_bags = false;
  const Found found = ReadFields(value, "passengers", Want::kOptional, [&](Key key, Value& item) {
    if (suppliers::KeyIs(key, "cabin_class")) {
      if (!ReadText(item, cabin_class, "passengers/0/cabin_class", Want::kOptional)) {
        return Step::kFail;
      }
      cabin = ParseCabin(cabin_class);
    } else if (suppliers::KeyIs(key, "fare_basis_code")) {
      if (!ReadText(item, segment.fare_basis, "passengers/0/fare_basis_code", Want::kOptional)) {
        return Step::kFail;
      }
      saw_basis = true;
    } else if (suppliers::KeyIs(key, "baggages")) {
      if (!ReadBaggages(item, bags)) return Step::kFail;
      saw_bags = true;
    } else if (suppliers::KeyIs(key, "cabin")) {
      // v2: {"name": "economy", "marketing_name": …, "amenities": {…}}, or null.
      const Found read =
          ReadFields(item, "passengers/0/cabin", Want::kOptional, [&](Key name, Value& text) {
            if (!suppliers::KeyIs(name, "name")) return Skip(text) ? Step::kNext : Step::kFail;
            if (!ReadText(text, cabin_name, "passengers/0/cabin/name", Want::kOptional)) {
              return Step::kFail;
            }
            return SkipRestOf(text) ? Step::kDone : Step::kFail;
          });
      if (read == Found::kFailed) return Step::kFail;
    } else {
      return Skip(item) ? Step::kNext : Step::kFail;
    }
    return cabin && saw_basis && saw_bags ? Step::kDone : Step::kNext;
  });
  if (found == Found::kFailed) return false;
  if (found == Found::kAbsent) return true;
  if (!cabin) cabin = ParseCabin(cabin_name);
  segment.cabin = cabin.value_or(Cabin::kUnknown);
  return true;
}

bool OfferReader::ReadBaggages(Value& value, BagAllowance& bags) {
  // A list, even an empty one, states the allowance: what it does not name is not included.
  int64_t checked = 0, carry_on = 0;
  const Found found =
      ReadElements(value, "passengers/0/baggages", Want::kOptional, [&](Value& item) {
        std::string_view type;
        std::optional<int64_t> quantity;
        const Found baggage =
            ReadTypedNumber(item, "passengers/0/baggages", type, "quantity", quantity);
        if (baggage == Found::kFailed) return false;
        if (baggage == Found::kAbsent || !quantity || *quantity < 0) return true;
        const int64_t q = std::min(*quantity, kMaxBags);
        if (type == "checked") {
          checked = std::min(checked + q, kMaxBags);
        } else if (type == "carry_on") {
          carry_on = std::min(carry_on + q, kMaxBags);
        }
        return true;
      });
  if (found != Found::kValue) return found == Found::kAbsent;
  bags.checked_pieces = static_cast<int16_t>(checked);
  bags.cabin_pieces = static_cast<int16_t>(carry_on);
  return true;
}

bool OfferReader::CountElements(Value& value, int16_t& count, std::string_view what) {
  int n = 0;
  const Found found = ReadElements(value, what, Want::kOptional, [&](Value&) {
    if (n < std::numeric_limits<int16_t>::max()) ++n;
    return true;
  });
  if (found != Found::kValue) return found == Found::kAbsent;
  count = static_cast<int16_t>(n);
  return true;
}

bool OfferReader::ReadDuration(Value& value, int32_t& minutes, std::string_view what) {
  std::string_view text;
  if (!ReadText(value, text, what, Want::kOptional)) return false;
  if (text.empty()) return true;
  if (std::optional<int32_t> parsed = ParseIsoDuration(text)) minutes = *parsed;
  return true;
}

uint16_t OfferReader::Zone(std::string_view name) {
  for (const ZoneEntry& entry : zones_) {
    if (entry.name == name) return entry.zone;
  }
  const std::optional<uint16_t> zone = refdata::FindTimeZone(name);
  ZoneEntry& slot = zones_[next_zone_++ % zones_.size()];
  slot.name = name;
  slot.zone = zone.value_or(kNoTimeZone);
  return slot.zone;
}

}  // namespace fareflow::duffel::internal
