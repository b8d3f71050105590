#ifndef FAREFLOW_SERVER_API_API_ROUTER_H_
#define FAREFLOW_SERVER_API_API_ROUTER_H_

#include "server/facade/options.h"
#include "server/routes/router.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// The routes of the fareflow HTTP API (docs/api.md): POST /v1/searches (run on
// services.search_pool); GET /v1/searches/{id}/offers and /v1/searches/{id}/offers/{offer_id}
// (stored searches, answered on the io thread: a few milliseconds of CPU); GET /v1/places,
// GET /v1/health and, with services.metrics, GET /metrics (on the io thread: microseconds).
// Requests are counted in services.metrics by route. `services` and what it points at must
// outlive the router's use. `facade` says which clients the Amadeus-compatible routes admit.
// With services.access, its gate (AccessControl::Admit) stands in front of every route: keys,
// rate limits, CORS; a route's RouteMatch::client names the key a request carried. The facade's
// routes take no key and no rate limit (AccessControl::AdmitWithoutKey: CORS alone): the
// facade's own OAuth authenticates them. With keys configured they are added only when `facade`
// names its clients (FacadeServed); otherwise they are not routes at all.
Router MakeApiRouter(const ApiServices& services, FacadeOptions facade = {});

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_API_API_ROUTER_H_
