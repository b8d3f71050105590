#ifndef FAREFLOW_API_SEARCH_EVENTS_H_
#define FAREFLOW_API_SEARCH_EVENTS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/search_result.h"
#include "engine/stage_timings.h"
#include "engine/supplier_outcome.h"
#include "model/search_request.h"

namespace fareflow {

// The events of a streamed search answer (docs/api.md, "Streaming answers"), each written whole:
// "event: <name>\ndata: <one line of JSON>\n\n". Each appends to `out`.

// Frames `data` (one line of JSON, no newline in it) as the event `name`. Should `data` hold a
// line break, each of its lines gets a data: line of its own, which a reader joins back.
void WriteSseEvent(std::string_view name, std::string_view data, std::string& out);

// `supplier`: the supplier's entry of the answer's suppliers[] plus {"progress":{"done","of"}}.
void WriteSupplierEvent(const SupplierOutcome& outcome, std::size_t done, std::size_t total,
                        bool include_timings, std::string& out);

// `results`: the answer over the suppliers finished so far (no search_id, expires_at), plus
// progress; the page cut to `max_bytes` (0: no bound) as WriteSearchResponse does. No
// timings_ms: the stages are timed once, for the whole search, and `done` carries them.
void WriteResultsEvent(const SearchResult& result, const SearchRequest& request, std::size_t done,
                       std::size_t total, std::size_t max_bytes, std::string& out);

// `done`: `answer`, the whole JSON answer as WriteSearchResponse wrote it.
void WriteDoneEvent(std::string_view answer, std::string& out);

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_EVENTS_H_
