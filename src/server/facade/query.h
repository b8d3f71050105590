#ifndef FAREFLOW_SERVER_FACADE_QUERY_H_
#define FAREFLOW_SERVER_FACADE_QUERY_H_

#include "core/datetime.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::server {

// Reads a Flight Offers Search v2 call into a FlightSearch whose `request` fareflow can run: the
// GET query parameters (ReadGetQuery) or the POST GetFlightOffersQuery body (ReadPostBody), then
// the limits of a fareflow search the Amadeus readers do not check (dates within 361 days,
// at most 9 passengers with infants). A POST may carry `X-HTTP-Method-Override: GET`, as the
// Amadeus SDKs send it, or leave it out; any other override is refused (4926).
//
// Every issue names its GET parameter (`source.parameter`) or its JSON pointer into the POST body
// (`source.pointer`). `today` is the first date that is not in the past. Never throws on what a
// client sends; `request` is read only during the call.
amadeus::SearchOrIssues ReadFacadeSearch(const net::WireRequest& request, Days today);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_QUERY_H_
