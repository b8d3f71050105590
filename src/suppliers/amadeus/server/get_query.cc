#include "suppliers/amadeus/server/get_query.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace fareflow::amadeus {
namespace {

// Upper bound of parameters without one (maxPrice); keeps minor units far from overflow.
constexpr int64_t kUnbounded = INT64_MAX / 1000;

void Missing(const std::string& name, Issues& issues) {
  issues.push_back(
      MakeIssue(kMandatoryDataMissing, "This field must be filled.", name, kNoPointer));
}

// Reads integer parameter `name` into `out` when present: 477 when it is not an integer, 4926
// when it lies outside [lo, hi]. Returns false on an issue.
bool ReadInt(const net::WireRequest& request, const std::string& name, int64_t lo, int64_t hi,
             Issues& issues, std::optional<int64_t>& out) {
  const std::string* value = QueryParameter(request, name);
  if (value == nullptr) return true;
  int64_t v = 0;
  const char* end = value->data() + value->size();
  const auto [ptr, ec] = std::from_chars(value->data(), end, v);
  if (ec != std::errc() || ptr != end) {
    issues.push_back(
        MakeIssue(kInvalidFormat, "must be an integer", name, kNoPointer, std::to_string(lo)));
    return false;
  }
  if (v < lo || v > hi) {
    std::string detail = "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
    if (hi >= kUnbounded) detail = "must be greater than or equal to " + std::to_string(lo);
    issues.push_back(MakeIssue(kInvalidData, std::move(detail), name, kNoPointer));
    return false;
  }
  out = v;
  return true;
}

// Reads a comma-separated list of airline codes; 10661 beyond kMaxCarrierCodes.
void ReadCarriers(const net::WireRequest& request, const std::string& name, Issues& issues,
                  std::vector<AirlineCode>& out) {
  const std::string* value = QueryParameter(request, name);
  if (value == nullptr) return;
  std::string_view rest = *value;
  std::vector<AirlineCode> codes;
  while (true) {
    const std::size_t comma = rest.find(',');
    AirlineCode code;
    if (!CheckCarrier(rest.substr(0, comma), name, kNoPointer, issues, code)) return;
    codes.push_back(code);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (codes.size() > kMaxCarrierCodes) {
    issues.push_back(MakeIssue(kTooManyOccurrences,
                               "at most " + std::to_string(kMaxCarrierCodes) + " airline codes",
                               name, kNoPointer));
    return;
  }
  out = std::move(codes);
}

// Origin, destination and dates into the slices of `search`.
void ReadJourney(const net::WireRequest& request, Days today, Issues& issues,
                 FlightSearch& search) {
  const std::string kOrigin = "originLocationCode";
  const std::string kDestination = "destinationLocationCode";
  const std::string kDeparture = "departureDate";
  const std::string kReturn = "returnDate";
  LocationCode origin, destination;
  Days departure = 0, back = 0;
  bool ok = true;
  const std::string* value = QueryParameter(request, kOrigin);
  if (value == nullptr) Missing(kOrigin, issues);
  ok = value != nullptr && CheckLocation(*value, kOrigin, kNoPointer, issues, origin) && ok;
  value = QueryParameter(request, kDestination);
  if (value == nullptr) Missing(kDestination, issues);
  ok = value != nullptr && CheckLocation(*value, kDestination, kNoPointer, issues, destination) &&
       ok;
  if (origin.valid() && origin == destination) {
    issues.push_back(MakeIssue(kCombinationInvalid,
                               "originLocationCode and destinationLocationCode must differ",
                               kDestination, kNoPointer));
    ok = false;
  }
  value = QueryParameter(request, kDeparture);
  if (value == nullptr) Missing(kDeparture, issues);
  const bool departure_ok =
      value != nullptr && CheckDate(*value, today, kDeparture, kNoPointer, issues, departure);
  ok = departure_ok && ok;
  const std::string* return_value = QueryParameter(request, kReturn);
  if (return_value != nullptr) {
    const bool return_ok = CheckDate(*return_value, today, kReturn, kNoPointer, issues, back);
    if (return_ok && departure_ok && back < departure) {
      issues.push_back(MakeIssue(kInvalidDate, "returnDate must not be before departureDate",
                                 kReturn, kNoPointer));
    }
    ok = return_ok && back >= departure && ok;
  }
  if (!ok) return;
  search.request.slices.push_back({origin, destination, departure});
  if (return_value != nullptr) search.request.slices.push_back({destination, origin, back});
}

void ReadTravelers(const net::WireRequest& request, Issues& issues, FlightSearch& search) {
  std::optional<int64_t> adults, children, infants;
  const std::string kAdults = "adults";
  if (QueryParameter(request, kAdults) == nullptr) Missing(kAdults, issues);
  const bool adults_ok = ReadInt(request, kAdults, 1, kMaxSeated, issues, adults) && adults;
  const bool children_ok = ReadInt(request, "children", 0, kMaxSeated, issues, children);
  const bool infants_ok = ReadInt(request, "infants", 0, kMaxSeated, issues, infants);
  if (!adults_ok || !children_ok || !infants_ok) return;
  if (*adults + children.value_or(0) > kMaxSeated) {
    issues.push_back(MakeIssue(kCombinationInvalid,
                               "the total number of seated travelers (adults and children) can "
                               "not exceed 9",
                               "children", kNoPointer));
    return;
  }
  if (infants.value_or(0) > *adults) {
    issues.push_back(MakeIssue(kCombinationInvalid,
                               "the number of infants must not exceed the number of adults",
                               "infants", kNoPointer));
    return;
  }
  search.request.passengers.adults = static_cast<int>(*adults);
  search.request.passengers.child_ages.assign(static_cast<std::size_t>(children.value_or(0)),
                                              kChildAge);
  search.request.passengers.infants = static_cast<int>(infants.value_or(0));
}

void ReadOptions(const net::WireRequest& request, Issues& issues, FlightSearch& search) {
  if (const std::string* value = QueryParameter(request, "travelClass")) {
    CheckTravelClass(*value, "travelClass", kNoPointer, issues, search.request.cabin);
  }
  ReadCarriers(request, "includedAirlineCodes", issues, search.included_carriers);
  ReadCarriers(request, "excludedAirlineCodes", issues, search.excluded_carriers);
  if (!search.included_carriers.empty() && !search.excluded_carriers.empty()) {
    issues.push_back(MakeIssue(kCombinationInvalid,
                               "includedAirlineCodes can not be cumulated with "
                               "excludedAirlineCodes",
                               "excludedAirlineCodes", kNoPointer));
  }
  if (const std::string* value = QueryParameter(request, "nonStop")) {
    if (*value == "true" || *value == "false") {
      search.non_stop = *value == "true";
    } else {
      issues.push_back(
          MakeIssue(kInvalidFormat, "must be true or false", "nonStop", kNoPointer, "false"));
    }
  }
  if (const std::string* value = QueryParameter(request, "currencyCode")) {
    CheckCurrency(*value, "currencyCode", kNoPointer, issues, search.request.currency);
  }
  std::optional<int64_t> max_price, max;
  if (ReadInt(request, "maxPrice", 1, kUnbounded, issues, max_price)) {
    search.max_price = max_price;
  }
  if (ReadInt(request, "max", 1, kMaxOffers, issues, max) && max) {
    search.max_offers = static_cast<int>(*max);
  }
}

}  // namespace

SearchOrIssues ReadGetQuery(const net::WireRequest& request, Days today) {
  Issues issues;
  FlightSearch search;
  ReadJourney(request, today, issues, search);
  ReadTravelers(request, issues, search);
  ReadOptions(request, issues, search);
  if (!issues.empty()) return tl::unexpected<Issues>(std::move(issues));
  return search;
}

}  // namespace fareflow::amadeus
