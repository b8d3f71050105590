#ifndef FAREFLOW_SERVER_API_SERVICES_H_
#define FAREFLOW_SERVER_API_SERVICES_H_

#include "core/datetime.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"

namespace fareflow::server {

// What the routes of the HTTP API use. Owned by whoever starts the server (`fareflow serve`, a
// test); everything pointed at must outlive the server.
struct ApiServices {
  SearchService* search = nullptr;    // runs searches
  WorkerPool* search_pool = nullptr;  // searches run here, never on an io thread
  Days today = 0;                     // date checks; 0 means TodayUtc() per request
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_API_SERVICES_H_
