#ifndef FAREFLOW_SERVER_SERVICES_API_SERVICES_H_
#define FAREFLOW_SERVER_SERVICES_API_SERVICES_H_

#include <cstddef>

#include "api/search_response.h"
#include "core/datetime.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"

namespace fareflow {
class CalendarService;
class RemoteSearchStore;
class SearchStore;
}  // namespace fareflow

namespace fareflow::server {

class AccessControl;
class Housekeeper;
class Metrics;
class SearchLog;

// What the routes of the HTTP API use. Owned by whoever starts the server (`fareflow serve`, a
// test); everything pointed at must outlive the server, and the housekeeper must be drained
// before the store, the search log and the metrics it writes to are destroyed.
struct ApiServices {
  SearchService* search = nullptr;  // runs searches
  CalendarService* calendar = nullptr;
  WorkerPool* search_pool = nullptr;  // searches run here, never on an io thread
  // Searches that may wait for a free search thread; more are refused with 503 at once, so that
  // a burst cannot queue work nobody will wait for.
  std::size_t queue_limit = 256;
  // The most bytes one search answer (POST /v1/searches, a stored search's page or refine) may
  // take; past it the page is cut and a cursor to the rest returned (ResponseOptions::max_bytes).
  // 0 = no bound.
  std::size_t max_answer_bytes = kDefaultMaxAnswerBytes;
  Days today = 0;  // date checks; 0 means TodayUtc() per request
  // Finished searches for GET /v1/searches/{id}/offers; null = searches are not kept.
  SearchStore* store = nullptr;
  // Searches shared with other instances (Redis): written after each answer, read when a refine
  // names a search `store` does not hold. Null = this process's store alone.
  RemoteSearchStore* shared_store = nullptr;
  // Runs the work that follows answers (store, log, metrics, freeing memory); null = none of
  // that work is done and searches are freed on the io thread.
  Housekeeper* housekeeper = nullptr;
  SearchLog* search_log = nullptr;  // one line per search; null = no search log
  Metrics* metrics = nullptr;       // GET /metrics and request counts; null = none
  // Client keys, rate limits and CORS in front of every route; null = open, no CORS.
  AccessControl* access = nullptr;
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_SERVICES_API_SERVICES_H_
