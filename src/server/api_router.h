#ifndef FAREFLOW_SERVER_API_ROUTER_H_
#define FAREFLOW_SERVER_API_ROUTER_H_

#include "server/api_services.h"
#include "server/router.h"

namespace fareflow::server {

// The routes of the fareflow HTTP API (docs/api.md): POST /v1/searches (run on
// services.search_pool), GET /v1/places and GET /v1/health (answered on the io thread: they take
// microseconds). `services` and what it points at must outlive the router's use.
Router MakeApiRouter(const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_API_ROUTER_H_
