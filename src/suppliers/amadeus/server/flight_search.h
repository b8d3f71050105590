#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_SEARCH_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_SEARCH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "core/codes.h"
#include "core/datetime.h"
#include "model/search_request.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::amadeus {

// Limits of the API: `max`/`maxFlightOffers` 1..250, at most 9 seated travelers, carriers lists
// of at most 99 codes, up to 6 originDestinations, up to 18 travelers in a POST body.
inline constexpr int kMaxOffers = 250;
inline constexpr int kMaxSeated = 9;
inline constexpr int kMaxCarrierCodes = 99;
inline constexpr int kMaxOriginDestinations = 6;
inline constexpr int kMaxTravelers = 18;
// The age given to CHILD travelers (2..11 per the spec) in the generated search.
inline constexpr int kChildAge = 8;

// A validated Flight Offers Search, from either the GET query or the POST body: the search the
// offer generator is asked for, plus the criteria the generator ignores and the emulator applies
// to the generated offers itself.
struct FlightSearch {
  SearchRequest request;                       // slices, passengers, cabin, currency
  std::vector<AirlineCode> included_carriers;  // every segment's marketing carrier in the set
  std::vector<AirlineCode> excluded_carriers;  // no segment's marketing or operating carrier
  std::optional<int> max_connections;          // per itinerary (maxNumberOfConnections)
  bool non_stop = false;                       // nonStop=true: no connection, no technical stop
  std::optional<int64_t> max_price;            // per traveler, whole units of the currency
  int max_offers = kMaxOffers;                 // `max` / `maxFlightOffers`

  // True when offers must be filtered after generation.
  bool filters_offers() const {
    return !included_carriers.empty() || !excluded_carriers.empty() ||
           max_connections.has_value() || non_stop || max_price.has_value();
  }
};

// A FlightSearch, or every issue found in the query.
using SearchOrIssues = tl::expected<FlightSearch, Issues>;

// Checks shared by the GET and POST readers. Each appends its issue (naming `parameter` or
// `pointer` as given) to `issues` and returns false when the value is unusable.

// A 3-letter upper-case IATA code that names an airport or a metro city of the reference data.
bool CheckLocation(std::string_view text, const std::string& parameter, const std::string& pointer,
                   Issues& issues, LocationCode& out);

// A YYYY-MM-DD date (477 when not shaped so) of the calendar (425 otherwise), not before `today`
// (425).
bool CheckDate(std::string_view text, Days today, const std::string& parameter,
               const std::string& pointer, Issues& issues, Days& out);

// An ISO 4217 code that can be priced in (the reference data has an FX rate for it).
bool CheckCurrency(std::string_view text, const std::string& parameter, const std::string& pointer,
                   Issues& issues, CurrencyCode& out);

// A 2-character IATA airline code ([0-9A-Z]{2}).
bool CheckCarrier(std::string_view text, const std::string& parameter, const std::string& pointer,
                  Issues& issues, AirlineCode& out);

// A TravelClass enum value.
bool CheckTravelClass(std::string_view text, const std::string& parameter,
                      const std::string& pointer, Issues& issues, Cabin& out);

// An issue without a source beyond `parameter`/`pointer`.
Issue MakeIssue(IssueCode code, std::string detail, const std::string& parameter,
                const std::string& pointer, std::string example = {});

// The `pointer` of an issue about a GET query parameter: none.
inline const std::string kNoPointer;

// The value of GET query parameter `name`, or nullptr when it is absent or empty (an empty value
// counts as absent). Points into `request`.
const std::string* QueryParameter(const net::WireRequest& request, std::string_view name);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_SEARCH_H_
