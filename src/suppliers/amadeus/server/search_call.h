#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_SEARCH_CALL_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_SEARCH_CALL_H_

#include "core/datetime.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {

// Whether a Flight Offers Search by POST must say `X-HTTP-Method-Override: GET`. Amadeus asks
// for it (the emulator answers as Amadeus does); the facade also takes a POST without it, as
// clients that never talked to Amadeus send. A value other than GET is refused either way.
enum class MethodOverride { kRequired, kOptional };

// Reads one Flight Offers Search call, `GET /v2/shopping/flight-offers?...` (ReadGetQuery) or
// `POST /v2/shopping/flight-offers` with a JSON body (ReadPostBody); issues as those readers
// report them, or for the method override header. `today` is the first date not in the past.
// Thread-safe.
SearchOrIssues ReadSearchCall(const net::WireRequest& request, Days today,
                              MethodOverride method_override);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_SEARCH_CALL_H_
