#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_GET_QUERY_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_GET_QUERY_H_

#include "core/datetime.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {

// Reads and validates the query parameters of `GET /v2/shopping/flight-offers` (originLocationCode,
// destinationLocationCode, departureDate, returnDate, adults, children, infants, travelClass,
// includedAirlineCodes, excludedAirlineCodes, nonStop, currencyCode, maxPrice, max) as the spec
// defines them. Every issue found is reported, each naming its parameter: a missing required
// parameter is 32171, a malformed value 477, a value out of range or unknown 4926, a past or
// inverted date 425, a forbidden combination (more than 9 seated travelers, more infants than
// adults, both airline lists) 2668, more than 99 airline codes 10661. An empty value counts as
// absent; unknown parameters are ignored. `today` is the first date that is not in the past.
SearchOrIssues ReadGetQuery(const net::WireRequest& request, Days today);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_GET_QUERY_H_
