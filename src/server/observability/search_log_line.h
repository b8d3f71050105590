#ifndef FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_LINE_H_
#define FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_LINE_H_

#include <chrono>
#include <string>

#include "engine/completed_search.h"

namespace fareflow::server {

// Appends the search log's line for `search` (one JSON object, no newline; fields in
// docs/api.md, "Search log"): the time, the search id, the request as echoed in answers, the
// offer counts, each supplier's outcome, the stage timings and the cheapest matching price.
void WriteSearchLogLine(const CompletedSearch& search, std::chrono::system_clock::time_point now,
                        std::string& out);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_OBSERVABILITY_SEARCH_LOG_LINE_H_
