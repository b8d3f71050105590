#ifndef FAREFLOW_API_SEARCH_RESPONSE_H_
#define FAREFLOW_API_SEARCH_RESPONSE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "engine/search_result.h"
#include "engine/stage_timings.h"
#include "model/search_request.h"

namespace fareflow {

// How far a streamed search has got (api/search_events.h): `done` of `of` configured suppliers
// have finished.
struct AnswerProgress {
  std::size_t done = 0;
  std::size_t of = 0;
};

struct ResponseOptions {
  // Timings differ run to run; golden tests and diffs leave them out.
  bool include_timings = true;
  // Whether timings_ms's `serialize` adds this call's own time until it writes the timings. An
  // answer written once (HTTP, Lambda, the CLI) says how long writing it took; one written again
  // on every read of an immutable result (the Python module) keeps the same bytes every time.
  bool time_serialize = true;
  // The stored search the answer can be refined and paged through, and when it expires
  // ("2026-11-28T21:50:00Z"); both left out when empty (a search from files is not stored).
  std::string_view search_id;
  std::string_view expires_at;
  // The most bytes the answer may take; 0 = no bound. Past it the page is cut after the last
  // offer that fits: counts.returned says how many were written, page.next_cursor points at the
  // first one left out and page.cut_by_byte_limit is true. At least one offer is always written,
  // so that paging moves on; only an answer whose first offer alone does not fit can exceed the
  // bound. The cut page's cursor is made by TakePage over QueryFingerprint(request, search_id):
  // set a bound only where the page was taken with that fingerprint (a stored search's pages).
  std::size_t max_bytes = 0;
  // False: "offers" is an empty array, though counts.returned and the page say how many the page
  // has -- the rest of the answer, for a caller that takes the offers one at a time
  // (WriteOfferJson) or not at all.
  bool include_offers = true;
  // Set for a streamed answer's `results` event, over the suppliers finished so far: written
  // first, as "progress":{"done","of"}; result.suppliers entries with an empty name (suppliers
  // still in flight, engine/search_progress.h) are left out of "suppliers", and "partial" is also
  // true while done < of.
  std::optional<AnswerProgress> progress;
};

// The default bound of one answer (ApiServices::max_answer_bytes, search.max_answer_bytes).
inline constexpr std::size_t kDefaultMaxAnswerBytes = std::size_t{4} << 20;

// Writes the request as the v1 response echoes it under "search": slices, passengers, cabin,
// currency, sort and limit.
void WriteSearchEcho(const SearchRequest& request, JsonWriter& w);

// Writes the members of one supplier's entry of the answer's "suppliers" (docs/api.md): name,
// kind, status, error, offer counts, bytes, cache and, with `include_timings`, ms. The caller
// opens and closes the object, so that a streamed `supplier` event can add to it.
void WriteSupplierMembers(const SupplierOutcome& s, bool include_timings, JsonWriter& w);

// Writes where a supplier's part came from as the value of "cache":
// {"source":"live"|"cache","age_s":N,"stale":B} (docs/api.md, Response).
void WriteCacheUse(const CacheUse& use, JsonWriter& w);

// Writes the fareflow v1 search response (schema in docs/api.md): the request echoed, counts,
// per-supplier statuses, the page of offers (cut to options.max_bytes), highlights, facets, the
// next-page cursor and stage timings. Appends to `out`. The timings are the answer's last member:
// their `serialize` is the stage's time recorded before the call plus, with
// options.time_serialize, this call's own time until it writes them.
void WriteSearchResponse(const SearchResult& result, const SearchRequest& request,
                         const StageTimings& timings, const ResponseOptions& options,
                         std::string& out);

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_RESPONSE_H_
