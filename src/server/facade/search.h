#ifndef FAREFLOW_SERVER_FACADE_SEARCH_H_
#define FAREFLOW_SERVER_FACADE_SEARCH_H_

#include <cstdint>

#include "net/wire_exchange.h"
#include "server/services/api_services.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::server {

// Runs a Flight Offers Search through services.search and answers it as Amadeus does: 200 with
// the cheapest offers that meet every criterion of `search` (maxPrice per traveler included), at
// most `search.max_offers` of them, cheapest first, amounts in the requested currency, written
// as a v2 flight-offers response (meta.count, data, dictionaries), with a Server-Timing header
// of the stage timings. `decode_micros` is the time spent reading the call.
//
// Blocks for the whole search, so it runs on services.search_pool, never on an io thread.
// Thread-safe. Failures are answered (500, Amadeus code 141), never thrown.
net::WireResponse AnswerFacadeSearch(const amadeus::FlightSearch& search,
                                     const ApiServices& services, int64_t decode_micros);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_SEARCH_H_
