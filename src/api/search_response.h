#ifndef FAREFLOW_API_SEARCH_RESPONSE_H_
#define FAREFLOW_API_SEARCH_RESPONSE_H_

#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "engine/search_result.h"
#include "engine/stage_timings.h"
#include "model/search_request.h"

namespace fareflow {

struct ResponseOptions {
  // Timings differ run to run; golden tests and diffs leave them out.
  bool include_timings = true;
  // The stored search the answer can be refined and paged through, and when it expires
  // ("2026-11-28T21:50:00Z"); both left out when empty (a search from files is not stored).
  std::string_view search_id;
  std::string_view expires_at;
};

// Writes the request as the v1 response echoes it under "search": slices, passengers, cabin,
// currency, sort and limit.
void WriteSearchEcho(const SearchRequest& request, JsonWriter& w);

// Writes the fareflow v1 search response (schema in docs/api.md): the request echoed, counts,
// per-supplier statuses, the page of offers, facets, the next-page cursor and stage timings.
// Appends to `out`. The serialize timing is the time of the call before it, so callers that want
// it in the answer record it themselves.
void WriteSearchResponse(const SearchResult& result, const SearchRequest& request,
                         const StageTimings& timings, const ResponseOptions& options,
                         std::string& out);

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_RESPONSE_H_
