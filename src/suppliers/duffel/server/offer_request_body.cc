#include "suppliers/duffel/server/offer_request_body.h"

#include <cstdint>
#include <optional>
#include <string>

#include <simdjson.h>

#include "core/json_reader.h"
#include "model/cabin.h"
#include "model/name_tables.h"
#include "refdata/airports.h"

namespace fareflow::duffel {
namespace {

using Problem = tl::unexpected<DuffelProblem>;
using Checked = tl::expected<void, DuffelProblem>;

// Calls `read(const JsonValue& item) -> Checked` for each item of `list` (an array already
// checked) and stops at the first problem.
template <typename Read>
Checked ForEachItem(const JsonValue& list, Read read) {
  std::optional<DuffelProblem> problem;
  (void)list.ForEachItem([&](const JsonValue& item) -> Result<void> {
    Checked ok = read(item);
    if (ok) return {};
    problem = std::move(ok.error());
    return item.Invalid("");  // stops the walk; the problem is what is reported
  });
  if (problem) return Problem(std::move(*problem));
  return {};
}

// Reads a required place code, member `name` of `slice`.
tl::expected<LocationCode, DuffelProblem> ReadPlace(const JsonValue& slice, std::string_view name) {
  const std::string pointer = slice.At(name);
  std::optional<JsonValue> value = slice.Member(name);
  if (!value) return Problem(DuffelRequired(pointer));
  Result<std::string_view> text = value->String();
  if (!text) return Problem(DuffelInvalidData(pointer, text.error().message));
  if (text->empty()) return Problem(DuffelRequired(pointer));
  const LocationCode code = LocationCode::Parse(*text);
  if (!code.valid() || *text != code.str()) {
    return Problem(DuffelInvalidData(pointer, "must be a three-letter upper-case IATA code"));
  }
  if (refdata::ExpandLocation(code).empty()) {
    return Problem(DuffelInvalidData(
        pointer, "must be a known airport or city IATA code, not '" + std::string(*text) + "'"));
  }
  return code;
}

Checked ReadSlice(const JsonValue& slice, Days today, SearchRequest& request) {
  if (!slice.element().is_object()) {
    return Problem(DuffelInvalidData(slice.pointer(), "must be an object"));
  }
  SliceRequest s;
  auto origin = ReadPlace(slice, "origin");
  if (!origin) return Problem(origin.error());
  auto destination = ReadPlace(slice, "destination");
  if (!destination) return Problem(destination.error());
  s.origin = *origin;
  s.destination = *destination;
  if (s.origin == s.destination) {
    return Problem(DuffelInvalidData(slice.At("destination"), "must differ from the origin"));
  }
  const std::string date_pointer = slice.At("departure_date");
  std::optional<JsonValue> date = slice.Member("departure_date");
  if (!date) return Problem(DuffelRequired(date_pointer));
  Result<std::string_view> text = date->String();
  if (!text) return Problem(DuffelInvalidData(date_pointer, "must be a date string (YYYY-MM-DD)"));
  std::optional<Days> day = ParseDate(*text);
  if (!day) return Problem(DuffelInvalidData(date_pointer, "must be a valid date (YYYY-MM-DD)"));
  if (*day < today) return Problem(DuffelInvalidData(date_pointer, "must not be in the past"));
  if (!request.slices.empty() && *day < request.slices.back().departure_date) {
    return Problem(DuffelInvalidData(date_pointer, "must not be before the previous slice's date"));
  }
  s.departure_date = *day;
  request.slices.push_back(s);
  return {};
}

Checked ReadSlices(const JsonValue& data, Days today, SearchRequest& request) {
  std::optional<JsonValue> slices = data.Member("slices");
  if (!slices) return Problem(DuffelRequired("/slices"));
  Result<std::size_t> size = slices->ArraySize();
  if (!size) return Problem(DuffelInvalidData("/slices", "must be a list"));
  if (*size == 0) return Problem(DuffelRequired("/slices"));
  if (*size > static_cast<std::size_t>(kMaxSlices)) {
    return Problem(DuffelInvalidData("/slices", "must have at most 6 slices"));
  }
  return ForEachItem(*slices,
                     [&](const JsonValue& slice) { return ReadSlice(slice, today, request); });
}

Checked ReadPassenger(const JsonValue& passenger, Passengers& p) {
  if (!passenger.element().is_object()) {
    return Problem(DuffelInvalidData(passenger.pointer(), "must be an object"));
  }
  std::optional<PassengerType> type;
  if (std::optional<JsonValue> t = passenger.Member("type")) {
    Result<std::string_view> text = t->String();
    if (text) type = kDuffelPassengerTypes.Find(*text);
    if (!type) {
      return Problem(
          DuffelInvalidData(t->pointer(), kDuffelPassengerTypes.MustBe(NameList::kOneOfQuoted)));
    }
  }
  int64_t age = -1;
  if (std::optional<JsonValue> a = passenger.Member("age")) {
    Result<int64_t> n = a->Int(0, 130);
    if (!n) return Problem(DuffelInvalidData(a->pointer(), "must be a whole number from 0 to 130"));
    age = *n;
  }
  if (!type && age < 0) return Problem(DuffelRequired(passenger.At("type")));
  if (type == PassengerType::kChild && age < 0) {
    return Problem(DuffelRequired(passenger.At("age")));
  }
  if (age >= 18 || (age < 0 && type == PassengerType::kAdult)) {
    ++p.adults;
  } else if (age >= 2) {
    p.child_ages.push_back(static_cast<int>(age));
  } else {
    ++p.infants;
  }
  return {};
}

Checked ReadPassengers(const JsonValue& data, SearchRequest& request) {
  std::optional<JsonValue> list = data.Member("passengers");
  if (!list) return Problem(DuffelRequired("/passengers"));
  Result<std::size_t> size = list->ArraySize();
  if (!size) return Problem(DuffelInvalidData("/passengers", "must be a list"));
  if (*size == 0) return Problem(DuffelRequired("/passengers"));
  Passengers& p = request.passengers;
  p.adults = 0;
  if (Checked ok =
          ForEachItem(*list, [&](const JsonValue& item) { return ReadPassenger(item, p); });
      !ok) {
    return ok;
  }
  if (p.adults < 1) {
    return Problem(DuffelInvalidData("/passengers", "must include at least one adult"));
  }
  if (p.total() > kMaxPassengers) {
    return Problem(
        DuffelInvalidData("/passengers", "must have at most 9 passengers, infants included"));
  }
  if (p.infants > p.adults) {
    return Problem(
        DuffelInvalidData("/passengers", "must not have more infants without a seat than adults"));
  }
  return {};
}

Checked ReadOptions(const JsonValue& data, SearchRequest& request) {
  request.cabin = Cabin::kEconomy;
  if (std::optional<JsonValue> value = data.Member("cabin_class")) {
    Result<std::string_view> text = value->String();
    std::optional<Cabin> cabin;
    if (text) cabin = kCabinNames.Find(*text);
    if (!cabin) {
      return Problem(DuffelInvalidData("/cabin_class", kCabinNames.MustBe(NameList::kOneOfQuoted)));
    }
    request.cabin = *cabin;
  }
  request.max_connections = kDuffelDefaultMaxConnections;
  if (std::optional<JsonValue> value = data.Member("max_connections")) {
    Result<int64_t> n = value->Int(0, 2);
    if (!n) return Problem(DuffelInvalidData("/max_connections", "must be 0, 1 or 2"));
    request.max_connections = static_cast<int>(*n);
  }
  return {};
}

}  // namespace

tl::expected<SearchRequest, DuffelProblem> DecodeOfferRequestBody(std::string_view body,
                                                                  Days today) {
  thread_local simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, body);
  if (!root) return Problem(DuffelBadRequest("The request body is not valid JSON."));
  // Duffel's pointers start below `data` ("/slices/0/origin"): the data object is named "".
  std::optional<JsonValue> data = root->Member("data");
  if (!data || !data->element().is_object()) {
    return Problem(
        DuffelBadRequest("The request body must be a JSON object with a 'data' object."));
  }
  const JsonValue body_data(data->element(), "");
  SearchRequest request;
  if (Checked ok = ReadSlices(body_data, today, request); !ok) return Problem(ok.error());
  if (Checked ok = ReadPassengers(body_data, request); !ok) return Problem(ok.error());
  if (Checked ok = ReadOptions(body_data, request); !ok) return Problem(ok.error());
  return request;
}

}  // namespace fareflow::duffel
