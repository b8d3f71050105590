#ifndef FAREFLOW_SERVER_FACADE_ROUTES_H_
#define FAREFLOW_SERVER_FACADE_ROUTES_H_

#include <string>
#include <vector>

#include "server/facade/options.h"
#include "server/routes/router.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// The Amadeus Self-Service compatible routes, so that a client written for Amadeus switches to
// fareflow by changing its host:
//
//   POST /v1/security/oauth2/token    form body grant_type=client_credentials&client_id=…&
//                                     client_secret=…  ->  200 amadeusOAuth2Token; 400
//                                     invalid_request / unsupported_grant_type; 401 invalid_client
//   GET  /v2/shopping/flight-offers   query parameters of Flight Offers Search v2
//   POST /v2/shopping/flight-offers   GetFlightOffersQuery body, with or without
//                                     `X-HTTP-Method-Override: GET`
//   GET  /v1/shopping/flight-dates         Flight Cheapest Date Search v1 (flight_dates.h)
//   GET  /v1/shopping/flight-destinations  Flight Inspiration Search v1
//
// The cached-price routes need the same token; their query is read on the io thread and the
// calendars looked up on services.search_pool (at most 10 s of waiting for a thread, 503 as
// below past it). Any other path the facade's prefixes hold (IsAmadeusPath) answers Amadeus's
// 404 (38196) and a wrong method Amadeus's 405 (38197): the router's MissAnswer is set.
//
// Flight-offers calls need `Authorization: Bearer <token>` (401 with Amadeus codes 38191, 38190,
// 38192 otherwise), are decoded and checked on the io thread (400 in Amadeus's error envelope,
// each issue naming its parameter or pointer) and queued on services.search_pool as POST
// /v1/searches is (MakeSearchHandler): the deadline counts from the call's arrival, and a search
// that does not run is answered 503 with `Retry-After: 1` in Amadeus's envelope (code 141) --
// when services.queue_limit searches already wait, when its deadline passes while it waits, or
// when the pool is closed (shutdown). See FacadeOptions for which clients are admitted.
//
// Returns the patterns of the routes added: they authenticate their callers themselves, so a gate
// in front of them asks for no API key (MakeApiRouter).
//
// The token store is shared by the handlers added, so it lives as long as the router.
// `services` and what it points at must outlive the router's use.
std::vector<std::string> AddAmadeusFacadeRoutes(Router& router, const ApiServices& services,
                                                FacadeOptions options);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_ROUTES_H_
