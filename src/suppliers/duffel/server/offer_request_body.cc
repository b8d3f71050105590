#include "suppliers/duffel/server/offer_request_body.h"

#include <cstdint>
#include <optional>
#include <string>

#include <simdjson.h>

#include "model/cabin.h"
#include "refdata/airports.h"

namespace fareflow::duffel {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using Problem = tl::unexpected<DuffelProblem>;

std::string At(std::string_view base, std::string_view name) {
  std::string out(base);
  out.push_back('/');
  out.append(name);
  return out;
}
std::string At(std::string_view base, std::size_t index) { return At(base, std::to_string(index)); }

// The member `name` of `object`, or nullopt when it is absent or null.
std::optional<element> Member(simdjson::dom::object object, std::string_view name) {
  element value;
  if (object.at_key(name).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

// Reads a required place code at `pointer`.
tl::expected<LocationCode, DuffelProblem> ReadPlace(simdjson::dom::object slice,
                                                    std::string_view name,
                                                    const std::string& pointer) {
  std::optional<element> value = Member(slice, name);
  std::string_view text;
  if (!value) return Problem(DuffelRequired(pointer));
  if (value->get_string().get(text)) {
    return Problem(DuffelInvalidData(pointer, "must be a string"));
  }
  if (text.empty()) return Problem(DuffelRequired(pointer));
  const LocationCode code = LocationCode::Parse(text);
  if (!code.valid() || text != code.str()) {
    return Problem(DuffelInvalidData(pointer, "must be a three-letter upper-case IATA code"));
  }
  if (refdata::ExpandLocation(code).empty()) {
    return Problem(DuffelInvalidData(
        pointer, "must be a known airport or city IATA code, not '" + std::string(text) + "'"));
  }
  return code;
}

tl::expected<void, DuffelProblem> ReadSlices(simdjson::dom::object data, Days today,
                                             SearchRequest& request) {
  std::optional<element> value = Member(data, "slices");
  if (!value) return Problem(DuffelRequired("/slices"));
  simdjson::dom::array slices;
  if (value->get_array().get(slices))
    return Problem(DuffelInvalidData("/slices", "must be a list"));
  if (slices.size() == 0) return Problem(DuffelRequired("/slices"));
  if (slices.size() > static_cast<std::size_t>(kMaxSlices)) {
    return Problem(DuffelInvalidData("/slices", "must have at most 6 slices"));
  }
  std::size_t i = 0;
  for (element item : slices) {
    const std::string base = At("/slices", i++);
    simdjson::dom::object slice;
    if (item.get_object().get(slice)) return Problem(DuffelInvalidData(base, "must be an object"));
    SliceRequest s;
    auto origin = ReadPlace(slice, "origin", At(base, "origin"));
    if (!origin) return Problem(origin.error());
    auto destination = ReadPlace(slice, "destination", At(base, "destination"));
    if (!destination) return Problem(destination.error());
    s.origin = *origin;
    s.destination = *destination;
    if (s.origin == s.destination) {
      return Problem(DuffelInvalidData(At(base, "destination"), "must differ from the origin"));
    }
    const std::string date_pointer = At(base, "departure_date");
    std::optional<element> date = Member(slice, "departure_date");
    std::string_view text;
    if (!date) return Problem(DuffelRequired(date_pointer));
    if (date->get_string().get(text)) {
      return Problem(DuffelInvalidData(date_pointer, "must be a date string (YYYY-MM-DD)"));
    }
    std::optional<Days> day = ParseDate(text);
    if (!day) return Problem(DuffelInvalidData(date_pointer, "must be a valid date (YYYY-MM-DD)"));
    if (*day < today) return Problem(DuffelInvalidData(date_pointer, "must not be in the past"));
    if (!request.slices.empty() && *day < request.slices.back().departure_date) {
      return Problem(
          DuffelInvalidData(date_pointer, "must not be before the previous slice's date"));
    }
    s.departure_date = *day;
    request.slices.push_back(s);
  }
  return {};
}

tl::expected<void, DuffelProblem> ReadPassengers(simdjson::dom::object data,
                                                 SearchRequest& request) {
  std::optional<element> value = Member(data, "passengers");
  if (!value) return Problem(DuffelRequired("/passengers"));
  simdjson::dom::array list;
  if (value->get_array().get(list)) {
    return Problem(DuffelInvalidData("/passengers", "must be a list"));
  }
  if (list.size() == 0) return Problem(DuffelRequired("/passengers"));
  Passengers& p = request.passengers;
  p.adults = 0;
  std::size_t i = 0;
  for (element item : list) {
    const std::string base = At("/passengers", i++);
    simdjson::dom::object passenger;
    if (item.get_object().get(passenger)) {
      return Problem(DuffelInvalidData(base, "must be an object"));
    }
    std::string_view type;
    if (std::optional<element> t = Member(passenger, "type")) {
      if (t->get_string().get(type) ||
          (type != "adult" && type != "child" && type != "infant_without_seat")) {
        return Problem(DuffelInvalidData(At(base, "type"),
                                         "must be one of 'adult', 'child', 'infant_without_seat'"));
      }
    }
    int64_t age = -1;
    if (std::optional<element> a = Member(passenger, "age")) {
      if (a->get_int64().get(age) || age < 0 || age > 130) {
        return Problem(DuffelInvalidData(At(base, "age"), "must be a whole number from 0 to 130"));
      }
    }
    if (type.empty() && age < 0) return Problem(DuffelRequired(At(base, "type")));
    if (type == "child" && age < 0) return Problem(DuffelRequired(At(base, "age")));
    if (age >= 18 || (age < 0 && type == "adult")) {
      ++p.adults;
    } else if (age >= 2) {
      p.child_ages.push_back(static_cast<int>(age));
    } else {
      ++p.infants;
    }
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

tl::expected<void, DuffelProblem> ReadOptions(simdjson::dom::object data, SearchRequest& request) {
  request.cabin = Cabin::kEconomy;
  if (std::optional<element> value = Member(data, "cabin_class")) {
    std::string_view text;
    if (value->get_string().get(text) ||
        (text != "economy" && text != "premium_economy" && text != "business" && text != "first")) {
      return Problem(DuffelInvalidData(
          "/cabin_class", "must be one of 'economy', 'premium_economy', 'business', 'first'"));
    }
    request.cabin = *ParseCabin(text);
  }
  request.max_connections = kDuffelDefaultMaxConnections;
  if (std::optional<element> value = Member(data, "max_connections")) {
    int64_t n = -1;
    if (value->get_int64().get(n) || n < 0 || n > 2) {
      return Problem(DuffelInvalidData("/max_connections", "must be 0, 1 or 2"));
    }
    request.max_connections = static_cast<int>(n);
  }
  return {};
}

}  // namespace

tl::expected<SearchRequest, DuffelProblem> DecodeOfferRequestBody(std::string_view body,
                                                                  Days today) {
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(body.data(), body.size()).get(root)) {
    return Problem(DuffelBadRequest("The request body is not valid JSON."));
  }
  simdjson::dom::object top;
  simdjson::dom::object data;
  element data_value;
  if (root.get_object().get(top) || top.at_key("data").get(data_value) ||
      data_value.get_object().get(data)) {
    return Problem(
        DuffelBadRequest("The request body must be a JSON object with a 'data' object."));
  }
  SearchRequest request;
  if (auto ok = ReadSlices(data, today, request); !ok) return Problem(ok.error());
  if (auto ok = ReadPassengers(data, request); !ok) return Problem(ok.error());
  if (auto ok = ReadOptions(data, request); !ok) return Problem(ok.error());
  return request;
}

}  // namespace fareflow::duffel
