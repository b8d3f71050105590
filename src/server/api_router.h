#ifndef FAREFLOW_SERVER_API_ROUTER_H_
#define FAREFLOW_SERVER_API_ROUTER_H_

#include "engine/worker_pool.h"
#include "server/router.h"
#include "server/search_handler.h"

namespace fareflow::server {

// The routes of the fareflow HTTP API (docs/api.md): POST /v1/searches (run on `pool`),
// GET /v1/places and GET /v1/health (answered on the io thread: they take microseconds).
// `pool` must outlive the router's use.
Router MakeApiRouter(WorkerPool& pool, const SearchServiceOptions& options);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_API_ROUTER_H_
