#ifndef FAREFLOW_SERVER_FACADE_SEARCH_H_
#define FAREFLOW_SERVER_FACADE_SEARCH_H_

#include <cstdint>

#include "engine/search_service.h"
#include "net/wire_exchange.h"
#include "server/services/api_services.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::server {

// Runs a Flight Offers Search through services.search and answers it as Amadeus does: 200 with
// the cheapest offers that meet every criterion of `search` (maxPrice per traveler included), at
// most `search.max_offers` of them, cheapest first, amounts in the requested currency, written
// as a v2 flight-offers response (meta.count, data, dictionaries), with a Server-Timing header
// of the stage timings. `call` says when the call arrived (its deadline counts from there), what
// caps that deadline and how long reading the call took.
//
// Blocks for the whole search, so it runs on services.search_pool, never on an io thread.
// Thread-safe. Failures are answered (500, Amadeus code 141), never thrown.
net::WireResponse AnswerFacadeSearch(const amadeus::FlightSearch& search,
                                     const ApiServices& services, const SearchCall& call);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_SEARCH_H_
