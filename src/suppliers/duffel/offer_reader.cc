#include "suppliers/duffel/offer_reader.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <span>
#include <utility>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/money.h"
#include "model/cabin.h"
#include "refdata/currencies.h"
#include "refdata/time_zones.h"
#include "suppliers/duffel/local_time.h"
#include "suppliers/json_fields.h"

namespace fareflow::duffel {
namespace {

namespace od = simdjson::ondemand;
using od::json_type;

// Bag counts above this are nonsense; clamping keeps int16 arithmetic safe.
constexpr int64_t kMaxBags = 99;

// Errors that concern one value rather than the document: the offer is dropped (or, for an
// optional field, the value ignored) and reading goes on with the next sibling.
bool IsValueError(simdjson::error_code error) {
  return error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR ||
         error == simdjson::NUMBER_OUT_OF_RANGE;
}

// True when the token is a JSON null (ReadString yields an empty view for both null and "").
bool IsNullToken(od::value& value) {
  const std::string_view raw = value.raw_json_token();
  return !raw.empty() && raw.front() == 'n';
}

int16_t LeastGenerous(int16_t a, int16_t b) {
  if (a == kUnknownCount || b == kUnknownCount) return kUnknownCount;
  return std::min(a, b);
}

// Classifies a Duffel passenger. `type` wins when it is one Duffel defines; otherwise (2021
// responses carry only `age`) the age decides: under 2 an infant on a lap, under 18 a child.
PassengerType Classify(std::string_view type, std::optional<int64_t> age) {
  if (type == "adult") return PassengerType::kAdult;
  if (type == "child") return PassengerType::kChild;
  if (type == "infant_without_seat") return PassengerType::kInfant;
  if (type == "infant_with_seat") return PassengerType::kChild;  // takes a seat
  if (age) {
    if (*age < 2) return PassengerType::kInfant;
    if (*age < 18) return PassengerType::kChild;
  }
  return PassengerType::kAdult;
}

// Builds Money from a decimal string and an ISO code; nullopt unless both are usable.
std::optional<Money> ToMoney(std::string_view amount, std::string_view currency) {
  const CurrencyCode code = CurrencyCode::Parse(currency);
  if (!code.valid() || amount.empty()) return std::nullopt;
  const std::optional<int64_t> minor = ParseDecimalMinor(amount, refdata::MinorDigits(code));
  if (!minor || *minor < 0) return std::nullopt;
  return Money{*minor, code};
}

}  // namespace

OfferReader::OfferReader(Arena& arena) : arena_(arena) {
  segments_.reserve(16);
  slices_.reserve(4);
}

bool OfferReader::Drop(DropReason reason, std::string_view what) {
  if (failure_.fatal == simdjson::SUCCESS && failure_.reason == DropReason::kCount) {
    failure_.reason = reason;
    failure_.what = what;
    failure_.slice = slice_;
    failure_.segment = segment_;
  }
  return false;
}

bool OfferReader::Fatal(simdjson::error_code error) {
  failure_.fatal = error;
  return false;
}

bool OfferReader::Fail(simdjson::error_code error, std::string_view what) {
  if (!IsValueError(error)) return Fatal(error);
  return Drop(error == simdjson::INCORRECT_TYPE ? DropReason::kWrongType : DropReason::kBadValue,
              what);
}

OfferReader::Got OfferReader::StringSlow(od::value value, simdjson::error_code error,
                                         std::string_view& out, std::string_view what,
                                         bool strict) {
  if (error == simdjson::SUCCESS) {
    return out.empty() && IsNullToken(value) ? Got::kNull : Got::kValue;
  }
  out = {};
  if (error == simdjson::INCORRECT_TYPE && !strict) return Got::kNull;
  Fail(error, what);
  return Got::kFailed;
}

OfferReader::Got OfferReader::OpenFailed(od::value value, simdjson::error_code opened,
                                         std::string_view what, bool strict) {
  if (opened != simdjson::INCORRECT_TYPE) {
    Fail(opened, what);
    return Got::kFailed;
  }
  json_type type;
  if (auto error = value.type().get(type)) {
    Fatal(error);
    return Got::kFailed;
  }
  if (type == json_type::null || !strict) return Got::kNull;
  Drop(DropReason::kWrongType, what);
  return Got::kFailed;
}

bool OfferReader::Read(od::value value, Offer& offer) {
  failure_ = {};
  offer_id_ = {};
  slice_ = segment_ = -1;
  od::object object;
  switch (Object(value, object, "", true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return Drop(DropReason::kMissingField, "");
    case Got::kValue:
      break;
  }
  return ReadOffer(object, offer);
}

bool OfferReader::Read(od::object& object, Offer& offer) {
  failure_ = {};
  offer_id_ = {};
  slice_ = segment_ = -1;
  return ReadOffer(object, offer);
}

bool OfferReader::ReadOffer(od::object& object, Offer& offer) {
  segments_.clear();
  slices_.clear();
  bags_ = BagAllowance{};
  any_bags_ = false;
  OfferTexts texts;
  PassengerCounts counts;
  bool ok = true;  // false once the offer is to be dropped: from then on only `id` is read
  for (auto field_result : object) {
    // Fields are used in place (value_unsafe after the error check), not copied out with get():
    // that copy reads narrow stores back as one wide load, a store-forwarding stall per key.
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& value = field.value();
    if (suppliers::KeyIs(key, "id")) {
      if (String(value, offer_id_, "id", true) == Got::kFailed) ok = false;
    } else if (!ok) {
      continue;
    } else if (suppliers::KeyIs(key, "slices")) {
      texts.saw_slices = true;
      ok = ReadSlices(value);
    } else if (suppliers::KeyIs(key, "total_amount")) {
      ok = String(value, texts.total_amount, "total_amount", true) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "total_currency")) {
      ok = String(value, texts.total_currency, "total_currency", true) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "base_amount")) {
      ok = String(value, texts.base_amount, "base_amount", false) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "base_currency")) {
      ok = String(value, texts.base_currency, "base_currency", false) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "total_emissions_kg")) {
      ok = ReadEmissions(value, texts.emissions_kg);
    } else if (suppliers::KeyIs(key, "owner")) {
      std::string_view code;
      ok = ReadIataCode(value, code, "owner", false);
      offer.validating_carrier = AirlineCode::Parse(code);
    } else if (suppliers::KeyIs(key, "passengers")) {
      ok = ReadPassengers(value, counts);
    } else if (suppliers::KeyIs(key, "conditions")) {
      ok = ReadConditions(value, offer.conditions);
    }
    if (failure_.fatal) return false;
  }
  if (!ok) return false;
  if (offer_id_.empty()) {
    // "id": "" is a value, just not a usable one; absent or null is missing.
    return Drop(DropReason::kMissingField, "id");
  }
  if (!texts.saw_slices) return Drop(DropReason::kMissingField, "slices");
  return Finish(texts, counts, offer);
}

bool OfferReader::ReadSlices(od::value& value) {
  od::array slices;
  switch (Array(value, slices, "slices", true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return Drop(DropReason::kMissingField, "slices");
    case Got::kValue:
      break;
  }
  int index = 0;
  for (auto element : slices) {
    od::value slice;
    if (auto error = std::move(element).get(slice)) return Fatal(error);
    slice_ = index++;
    segment_ = -1;
    if (!ReadSlice(slice)) return false;
  }
  slice_ = -1;
  if (index == 0) return Drop(DropReason::kInconsistent, "slices");
  return true;
}

bool OfferReader::ReadSlice(od::value& value) {
  od::object object;
  switch (Object(value, object, "", true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return Drop(DropReason::kMissingField, "");
    case Got::kValue:
      break;
  }
  SliceDraft draft;
  draft.first_segment = static_cast<uint32_t>(segments_.size());
  bool saw_segments = false;
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& item = field.value();
    if (suppliers::KeyIs(key, "segments")) {
      saw_segments = true;
      if (!ReadSegments(item)) return false;
    } else if (suppliers::KeyIs(key, "fare_brand_name")) {
      if (String(item, draft.slice.fare_brand, "fare_brand_name", false) == Got::kFailed) {
        return false;
      }
    } else if (suppliers::KeyIs(key, "duration")) {
      if (!ReadDuration(item, draft.slice.supplier_duration_minutes, "duration")) return false;
    }
  }
  if (!saw_segments) return Drop(DropReason::kMissingField, "segments");
  draft.segment_count = static_cast<uint32_t>(segments_.size()) - draft.first_segment;
  if (draft.segment_count == 0) return Drop(DropReason::kInconsistent, "segments");
  slices_.push_back(draft);
  return true;
}

bool OfferReader::ReadSegments(od::value& value) {
  od::array segments;
  switch (Array(value, segments, "segments", true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return Drop(DropReason::kMissingField, "segments");
    case Got::kValue:
      break;
  }
  int index = 0;
  for (auto element : segments) {
    od::value segment;
    if (auto error = std::move(element).get(segment)) return Fatal(error);
    segment_ = index++;
    if (!ReadSegment(segment)) return false;
  }
  segment_ = -1;
  return true;
}

bool OfferReader::ReadSegment(od::value& value) {
  od::object object;
  switch (Object(value, object, "", true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return Drop(DropReason::kMissingField, "");
    case Got::kValue:
      break;
  }
  Segment segment;
  BagAllowance bags;  // unknown unless the first passenger's `baggages` says
  std::string_view origin, destination, origin_zone, destination_zone;
  std::string_view departing_at, arriving_at, marketing, operating, aircraft;
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& item = field.value();
    bool ok = true;
    // Dispatch on the first character: one or two comparisons per key instead of a chain.
    switch (key.raw()[0]) {
      case 'o':
        if (suppliers::KeyIs(key, "origin")) {
          ok = ReadPlace(item, origin, origin_zone, "origin", "origin/iata_code");
        } else if (suppliers::KeyIs(key, "operating_carrier")) {
          ok = ReadIataCode(item, operating, "operating_carrier", false);
        } else if (suppliers::KeyIs(key, "operating_carrier_flight_number")) {
          ok = String(item, segment.operating_flight_number, "operating_carrier_flight_number",
                      false) != Got::kFailed;
        } else if (suppliers::KeyIs(key, "origin_terminal")) {
          ok = String(item, segment.origin_terminal, "origin_terminal", false) != Got::kFailed;
        }
        break;
      case 'd':
        if (suppliers::KeyIs(key, "destination")) {
          ok = ReadPlace(item, destination, destination_zone, "destination",
                         "destination/iata_code");
        } else if (suppliers::KeyIs(key, "departing_at")) {
          ok = String(item, departing_at, "departing_at", true) != Got::kFailed;
        } else if (suppliers::KeyIs(key, "destination_terminal")) {
          ok = String(item, segment.destination_terminal, "destination_terminal", false) !=
               Got::kFailed;
        } else if (suppliers::KeyIs(key, "duration")) {
          ok = ReadDuration(item, segment.supplier_duration_minutes, "duration");
        }
        break;
      case 'a':
        if (suppliers::KeyIs(key, "arriving_at")) {
          ok = String(item, arriving_at, "arriving_at", true) != Got::kFailed;
        } else if (suppliers::KeyIs(key, "aircraft")) {
          ok = ReadIataCode(item, aircraft, "aircraft", false);
        }
        break;
      case 'm':
        if (suppliers::KeyIs(key, "marketing_carrier")) {
          ok = ReadIataCode(item, marketing, "marketing_carrier", true);
        } else if (suppliers::KeyIs(key, "marketing_carrier_flight_number")) {
          ok = String(item, segment.marketing_flight_number, "marketing_carrier_flight_number",
                      true) != Got::kFailed;
        }
        break;
      case 'p':
        if (suppliers::KeyIs(key, "passengers")) {
          ok = ReadSegmentPassengers(item, segment, bags);
        }
        break;
      case 'i':
        if (suppliers::KeyIs(key, "id")) {
          ok = String(item, segment.supplier_segment_id, "id", false) != Got::kFailed;
        }
        break;
      case 's':
        if (suppliers::KeyIs(key, "stops")) {
          ok = CountElements(item, segment.technical_stops, "stops");
        }
        break;
      default:
        break;
    }
    if (!ok) return false;
  }

  if (origin.empty()) return Drop(DropReason::kMissingField, "origin/iata_code");
  segment.origin = LocationCode::Parse(origin);
  if (!segment.origin.valid()) return Drop(DropReason::kBadValue, "origin/iata_code");
  if (destination.empty()) return Drop(DropReason::kMissingField, "destination/iata_code");
  segment.destination = LocationCode::Parse(destination);
  if (!segment.destination.valid()) return Drop(DropReason::kBadValue, "destination/iata_code");
  if (departing_at.empty()) return Drop(DropReason::kMissingField, "departing_at");
  const std::optional<Minutes> departure = ParseLocalTime(departing_at);
  if (!departure) return Drop(DropReason::kBadValue, "departing_at");
  segment.departure_local = *departure;
  if (arriving_at.empty()) return Drop(DropReason::kMissingField, "arriving_at");
  const std::optional<Minutes> arrival = ParseLocalTime(arriving_at);
  if (!arrival) return Drop(DropReason::kBadValue, "arriving_at");
  segment.arrival_local = *arrival;
  if (marketing.empty()) return Drop(DropReason::kMissingField, "marketing_carrier/iata_code");
  segment.marketing_carrier = AirlineCode::Parse(marketing);
  if (!segment.marketing_carrier.valid()) {
    return Drop(DropReason::kBadValue, "marketing_carrier/iata_code");
  }
  if (segment.marketing_flight_number.empty()) {
    return Drop(DropReason::kMissingField, "marketing_carrier_flight_number");
  }
  // Not codeshared unless an operating carrier says otherwise (Duffel may send null for
  // carriers without an IATA code).
  segment.operating_carrier = AirlineCode::Parse(operating);
  if (!segment.operating_carrier.valid()) segment.operating_carrier = segment.marketing_carrier;
  segment.aircraft_code = aircraft;
  if (!origin_zone.empty()) segment.supplier_origin_zone = Zone(origin_zone);
  if (!destination_zone.empty()) segment.supplier_destination_zone = Zone(destination_zone);

  if (!any_bags_) {
    bags_ = bags;
    any_bags_ = true;
  } else {
    bags_.checked_pieces = LeastGenerous(bags_.checked_pieces, bags.checked_pieces);
    bags_.cabin_pieces = LeastGenerous(bags_.cabin_pieces, bags.cabin_pieces);
  }
  segments_.push_back(segment);
  return true;
}

bool OfferReader::ReadPlace(od::value& value, std::string_view& code, std::string_view& zone,
                            std::string_view what, std::string_view code_what) {
  od::object object;
  switch (Object(value, object, what, true)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;  // the caller reports the missing code
    case Got::kValue:
      break;
  }
  // Once iata_code and time_zone are read the rest of the place (name, coordinates, the city
  // sub-object) is left to On-Demand, which skips it by structure without reading keys. A later
  // duplicate "iata_code" or "time_zone" then no longer overrides the first; Duffel does not
  // send objects with duplicate keys.
  bool have_code = false;
  bool have_zone = false;
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    if (suppliers::KeyIs(key, "iata_code")) {
      if (String(field.value(), code, code_what, true) == Got::kFailed) return false;
      have_code = true;
    } else if (suppliers::KeyIs(key, "time_zone")) {
      if (String(field.value(), zone, what, false) == Got::kFailed) return false;
      have_zone = true;
    } else {
      continue;
    }
    if (have_code && have_zone) break;
  }
  return true;
}

bool OfferReader::ReadIataCode(od::value& value, std::string_view& code, std::string_view what,
                               bool strict) {
  od::object object;
  switch (Object(value, object, what, strict)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    if (suppliers::KeyIs(field.key(), "iata_code")) {
      if (String(field.value(), code, what, strict) == Got::kFailed) return false;
      // The rest (name, id, logo urls) is skipped by On-Demand by structure; a later duplicate
      // "iata_code" no longer overrides the first (Duffel does not send duplicate keys).
      break;
    }
  }
  return true;
}

bool OfferReader::ReadSegmentPassengers(od::value& value, Segment& segment, BagAllowance& bags) {
  od::array passengers;
  switch (Array(value, passengers, "passengers", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  // Cabin, fare basis and bags are taken from the first passenger; the others are skipped.
  bool first = true;
  for (auto element : passengers) {
    od::value passenger;
    if (auto error = std::move(element).get(passenger)) return Fatal(error);
    if (first && !ReadSegmentPassenger(passenger, segment, bags)) return false;
    first = false;
  }
  return true;
}

bool OfferReader::ReadSegmentPassenger(od::value& value, Segment& segment, BagAllowance& bags) {
  od::object object;
  switch (Object(value, object, "passengers", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  std::string_view cabin_class, cabin_name;
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& item = field.value();
    bool ok = true;
    if (suppliers::KeyIs(key, "cabin_class")) {
      ok = String(item, cabin_class, "passengers/0/cabin_class", false) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "fare_basis_code")) {
      ok = String(item, segment.fare_basis, "passengers/0/fare_basis_code", false) != Got::kFailed;
    } else if (suppliers::KeyIs(key, "baggages")) {
      ok = ReadBaggages(item, bags);
    } else if (suppliers::KeyIs(key, "cabin")) {
      // v2: {"name": "economy", "marketing_name": …, "amenities": {…}}, or null.
      od::object cabin;
      switch (Object(item, cabin, "passengers/0/cabin", false)) {
        case Got::kFailed:
          return false;
        case Got::kNull:
          break;
        case Got::kValue:
          for (auto cabin_field_result : cabin) {
            if (auto error = cabin_field_result.error()) return Fatal(error);
            od::field& cabin_field = cabin_field_result.value_unsafe();
            if (suppliers::KeyIs(cabin_field.key(), "name") &&
                String(cabin_field.value(), cabin_name, "passengers/0/cabin/name", false) ==
                    Got::kFailed) {
              return false;
            }
          }
          break;
      }
    }
    if (!ok) return false;
  }
  std::optional<Cabin> cabin = ParseCabin(cabin_class);
  if (!cabin) cabin = ParseCabin(cabin_name);
  segment.cabin = cabin.value_or(Cabin::kUnknown);
  return true;
}

bool OfferReader::ReadBaggages(od::value& value, BagAllowance& bags) {
  od::array baggages;
  switch (Array(value, baggages, "passengers/0/baggages", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  // A list, even an empty one, states the allowance: what it does not name is not included.
  int64_t checked = 0, carry_on = 0;
  for (auto element : baggages) {
    od::value item;
    if (auto error = std::move(element).get(item)) return Fatal(error);
    od::object baggage;
    switch (Object(item, baggage, "passengers/0/baggages", false)) {
      case Got::kFailed:
        return false;
      case Got::kNull:
        continue;
      case Got::kValue:
        break;
    }
    std::string_view type;
    std::optional<int64_t> quantity;
    for (auto field_result : baggage) {
      if (auto error = field_result.error()) return Fatal(error);
      od::field& field = field_result.value_unsafe();
      const od::raw_json_string key = field.key();
      if (suppliers::KeyIs(key, "type")) {
        if (String(field.value(), type, "passengers/0/baggages/type", false) == Got::kFailed) {
          return false;
        }
      } else if (suppliers::KeyIs(key, "quantity")) {
        const simdjson::error_code error = suppliers::ReadLooseInt(field.value(), quantity);
        if (error && !IsValueError(error)) return Fatal(error);
        if (error) quantity.reset();
      }
    }
    if (!quantity || *quantity < 0) continue;
    const int64_t q = std::min(*quantity, kMaxBags);
    if (type == "checked") {
      checked = std::min(checked + q, kMaxBags);
    } else if (type == "carry_on") {
      carry_on = std::min(carry_on + q, kMaxBags);
    }
  }
  bags.checked_pieces = static_cast<int16_t>(checked);
  bags.cabin_pieces = static_cast<int16_t>(carry_on);
  return true;
}

bool OfferReader::ReadPassengers(od::value& value, PassengerCounts& counts) {
  od::array passengers;
  switch (Array(value, passengers, "passengers", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  for (auto element : passengers) {
    od::value item;
    if (auto error = std::move(element).get(item)) return Fatal(error);
    od::object passenger;
    switch (Object(item, passenger, "passengers", false)) {
      case Got::kFailed:
        return false;
      case Got::kNull:
        continue;
      case Got::kValue:
        break;
    }
    std::string_view type;
    std::optional<int64_t> age;
    for (auto field_result : passenger) {
      if (auto error = field_result.error()) return Fatal(error);
      od::field& field = field_result.value_unsafe();
      const od::raw_json_string key = field.key();
      if (suppliers::KeyIs(key, "type")) {
        if (String(field.value(), type, "passengers/type", false) == Got::kFailed) return false;
      } else if (suppliers::KeyIs(key, "age")) {
        const simdjson::error_code error = suppliers::ReadLooseInt(field.value(), age);
        if (error && !IsValueError(error)) return Fatal(error);
        if (error) age.reset();
      }
    }
    int16_t* count = nullptr;
    switch (Classify(type, age)) {
      case PassengerType::kAdult:
        count = &counts.adults;
        break;
      case PassengerType::kChild:
        count = &counts.children;
        break;
      case PassengerType::kInfant:
        count = &counts.infants;
        break;
    }
    if (*count < std::numeric_limits<int16_t>::max()) ++*count;
  }
  return true;
}

bool OfferReader::ReadConditions(od::value& value, Conditions& conditions) {
  od::object object;
  switch (Object(value, object, "conditions", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    if (suppliers::KeyIs(key, "refund_before_departure")) {
      if (!ReadCondition(field.value(), conditions.refundable, conditions.refund_penalty)) {
        return false;
      }
    } else if (suppliers::KeyIs(key, "change_before_departure")) {
      if (!ReadCondition(field.value(), conditions.changeable, conditions.change_penalty)) {
        return false;
      }
    }
  }
  return true;
}

bool OfferReader::ReadCondition(od::value& value, Tristate& allowed, Money& penalty) {
  od::object object;
  // null: Duffel does not know whether the modification is allowed.
  switch (Object(value, object, "conditions", false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  std::string_view amount, currency;
  for (auto field_result : object) {
    if (auto error = field_result.error()) return Fatal(error);
    od::field& field = field_result.value_unsafe();
    const od::raw_json_string key = field.key();
    od::value& item = field.value();
    if (suppliers::KeyIs(key, "allowed")) {
      json_type type;
      if (auto error = item.type().get(type)) return Fatal(error);
      if (type == json_type::boolean) {
        bool flag = false;
        if (auto error = item.get_bool().get(flag)) return Fail(error, "conditions/allowed");
        allowed = flag ? Tristate::kYes : Tristate::kNo;
      }
    } else if (suppliers::KeyIs(key, "penalty_amount")) {
      if (String(item, amount, "conditions/penalty_amount", false) == Got::kFailed) return false;
    } else if (suppliers::KeyIs(key, "penalty_currency")) {
      if (String(item, currency, "conditions/penalty_currency", false) == Got::kFailed) {
        return false;
      }
    }
  }
  if (std::optional<Money> money = ToMoney(amount, currency)) penalty = *money;
  return true;
}

bool OfferReader::ReadDuration(od::value& value, int32_t& minutes, std::string_view what) {
  std::string_view text;
  if (String(value, text, what, false) == Got::kFailed) return false;
  if (text.empty()) return true;
  if (std::optional<int32_t> parsed = ParseIsoDuration(text)) minutes = *parsed;
  return true;
}

bool OfferReader::ReadEmissions(od::value& value, std::string_view& text) {
  json_type type;
  if (auto error = value.type().get(type)) return Fatal(error);
  if (type == json_type::number) {
    // Documented as a string ("460"); a bare number is read from its token.
    text = value.raw_json_token();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\t')) {
      text.remove_suffix(1);
    }
    return true;
  }
  return String(value, text, "total_emissions_kg", false) != Got::kFailed;
}

bool OfferReader::CountElements(od::value& value, int16_t& count, std::string_view what) {
  od::array items;
  switch (Array(value, items, what, false)) {
    case Got::kFailed:
      return false;
    case Got::kNull:
      return true;
    case Got::kValue:
      break;
  }
  int n = 0;
  for (auto element : items) {
    od::value item;
    if (auto error = std::move(element).get(item)) return Fatal(error);
    if (n < std::numeric_limits<int16_t>::max()) ++n;
  }
  count = static_cast<int16_t>(n);
  return true;
}

bool OfferReader::Finish(const OfferTexts& texts, const PassengerCounts& counts, Offer& offer) {
  if (texts.total_amount.empty()) return Drop(DropReason::kMissingField, "total_amount");
  if (texts.total_currency.empty()) return Drop(DropReason::kMissingField, "total_currency");
  const CurrencyCode currency = CurrencyCode::Parse(texts.total_currency);
  if (!currency.valid()) return Drop(DropReason::kBadValue, "total_currency");
  const std::optional<int64_t> total =
      ParseDecimalMinor(texts.total_amount, refdata::MinorDigits(currency));
  if (!total || *total < 0) return Drop(DropReason::kBadValue, "total_amount");

  offer.supplier_offer_id = offer_id_;
  offer.total = Money{*total, currency};
  if (std::optional<Money> base = ToMoney(texts.base_amount, texts.base_currency)) {
    offer.base = *base;
  }

  // Duffel prices the offer as a whole: counts only, price per passenger unknown (the Enricher
  // derives the per-adult share).
  std::array<PassengerPrice, 3> prices;
  std::size_t n_prices = 0;
  if (counts.adults > 0) prices[n_prices++] = {PassengerType::kAdult, counts.adults, {}};
  if (counts.children > 0) prices[n_prices++] = {PassengerType::kChild, counts.children, {}};
  if (counts.infants > 0) prices[n_prices++] = {PassengerType::kInfant, counts.infants, {}};
  offer.passenger_prices =
      arena_.CopyArray<PassengerPrice>(std::span<const PassengerPrice>(prices.data(), n_prices));

  // `total_emissions_kg` covers every passenger; infants on a lap take no seat and no share.
  if (!texts.emissions_kg.empty()) {
    int seats = counts.adults + counts.children;
    if (seats == 0) seats = counts.infants;
    const std::optional<int64_t> grams = ParseDecimalMinor(texts.emissions_kg, 3);
    if (grams && *grams >= 0 && seats > 0) {
      const int64_t each = DivideRounded(*grams, seats);
      if (each <= std::numeric_limits<int32_t>::max()) {
        offer.supplier_co2_grams = static_cast<int32_t>(each);
      }
    }
  }

  const std::span<Segment> segments =
      arena_.CopyArray<Segment>(std::span<const Segment>(segments_.data(), segments_.size()));
  Slice* slices = arena_.AllocateArray<Slice>(slices_.size());
  for (std::size_t i = 0; i < slices_.size(); ++i) {
    const SliceDraft& draft = slices_[i];
    slices[i] = draft.slice;
    slices[i].segments = segments.subspan(draft.first_segment, draft.segment_count);
  }
  offer.slices = std::span<Slice>(slices, slices_.size());
  offer.fare_brand = slices_.front().slice.fare_brand;
  offer.bags = bags_;

  // The offer's cabin is the cabin of its longest segment (by the supplier's duration, else by
  // the difference of local times).
  int64_t longest = std::numeric_limits<int64_t>::min();
  for (const Segment& segment : segments) {
    const int64_t length = segment.supplier_duration_minutes >= 0
                               ? segment.supplier_duration_minutes
                               : segment.arrival_local - segment.departure_local;
    if (length > longest) {
      longest = length;
      offer.cabin = segment.cabin;
    }
  }
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

std::string OfferReader::DescribeFailure(int index) const {
  std::string text = "offer ";
  text += offer_id_.empty() ? std::string_view("(no id)") : offer_id_;
  text += " (#" + std::to_string(index) + "): ";
  if (failure_.slice >= 0) {
    text += "/slices/" + std::to_string(failure_.slice);
    if (failure_.segment >= 0) text += "/segments/" + std::to_string(failure_.segment);
  }
  if (!failure_.what.empty() || text.back() == ' ') {
    text += '/';
    text += failure_.what;
  }
  return text;
}

}  // namespace fareflow::duffel
