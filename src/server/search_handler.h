#ifndef FAREFLOW_SERVER_SEARCH_HANDLER_H_
#define FAREFLOW_SERVER_SEARCH_HANDLER_H_

#include <string>
#include <string_view>

#include "core/datetime.h"
#include "engine/builtin_supplier.h"
#include "engine/stage_timings.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"

namespace fareflow::server {

// How the search endpoint answers.
struct SearchServiceOptions {
  int builtin_offers = kDefaultBuiltinOffers;  // offers the built-in supplier generates
  Days today = 0;                              // for date checks; 0 means TodayUtc() per request
};

// Answers one fareflow v1 search request body (docs/api.md) from the built-in supplier: 200 with
// the v1 response and a Server-Timing header, or a 400 invalid_argument error naming the field
// (also for a cursor of another query). Blocks for the whole search; thread-safe.
net::WireResponse AnswerSearch(std::string_view body, const SearchServiceOptions& options);

// The Server-Timing header value: "decode;dur=0.02, suppliers;dur=3.10, ..." in milliseconds.
std::string ServerTiming(const StageTimings& timings);

// POST /v1/searches: copies the request body and runs AnswerSearch on `pool`, answering the
// exchange from the worker, so the io thread never waits for a search. `pool` must outlive every
// exchange handed to the handler.
net::Handler MakeSearchHandler(WorkerPool& pool, SearchServiceOptions options);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_SEARCH_HANDLER_H_
