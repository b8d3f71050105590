#ifndef FAREFLOW_ENGINE_RUN_PIPELINE_H_
#define FAREFLOW_ENGINE_RUN_PIPELINE_H_

#include <span>
#include <string_view>
#include <vector>

#include "core/arena.h"
#include "core/result.h"
#include "engine/completed_search.h"
#include "engine/request_context.h"
#include "engine/search_result.h"
#include "engine/stage_timings.h"
#include "engine/supplier_outcome.h"
#include "engine/worker_pool.h"
#include "model/search_request.h"

namespace fareflow {

// The query stages, shared by a new search and a refine of a stored one: filter -> score ->
// sort -> facets -> page over result.offers (deduplicated), for query.filters, max_connections,
// sort, limit and cursor. Writes result.selection, result.facets and result.page; leaves the rest
// of `result` as it is. Times each stage into `timings`. Score and Sort write every offer's score
// and tags, so queries over the same offers take turns (CompletedSearch::refine_mu). `search_id`
// names the set of offers and ties page cursors to it. Fails only on a cursor that does not
// belong to this query. With `helpers`, a selection of kOffersWorthASecondThread offers or more
// has its facets counted on a worker of that pool while this thread scores and sorts
// (RunBeside); the answer is the same either way.
Result<void> RunQuery(const SearchRequest& query, std::string_view search_id, StageTimings& timings,
                      SearchResult& result, WorkerPool* helpers = nullptr);

// The least selected offers for which RunQuery counts the facets beside the sort. At W5k's 4,500
// offers doing so saved nothing measurable (`make bench`, BM_EndToEndPool's stages_ms); at W20k's
// 18,000 it took a sixth off the stages after parsing.
inline constexpr std::size_t kOffersWorthASecondThread = 8192;

// A new search over what the suppliers returned: counts the offers received, dropped and parsed,
// dedupes the batches of the suppliers that answered, then RunQuery with context.request() and
// `helpers`, timing each stage into context.timings(). Failures as RunQuery's; supplier failures
// are already statuses in `suppliers`.
Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id, WorkerPool* helpers = nullptr);

// The answer over the suppliers finished so far while a search streams (SearchProgress): as
// RunPipeline over `suppliers` (one entry per configured supplier, in configuration order; those
// still in flight are default entries, without a batch) under `query`, but the pricing options
// dedupe sets go to `scratch` and the stage times to `timings`, so that the search's own arena
// and timings stay as a search that does not stream leaves them. The answer and the offers'
// pricing options are valid while `scratch` is; call ResetPartialPipeline before releasing it.
Result<SearchResult> RunPartialPipeline(const SearchRequest& query,
                                        std::vector<SupplierOutcome> suppliers, Arena& scratch,
                                        StageTimings& timings);

// Puts the offers of `suppliers`' batches back as they were parsed: no pricing options (they
// pointed into a partial pipeline's scratch arena), score or tags. Then a later pipeline over
// them (the whole answer) writes what it would have written had no partial one run before it.
void ResetPartialPipeline(std::span<const SupplierOutcome> suppliers);

// A refine of the stored `search`: its offers, suppliers and counts under `query` (its request
// with a refine's filters, sort, limit and cursor). search.result stays as it is; the answer
// points into search.context. The caller holds search.refine_mu from this call until it is done
// with the answer. Failures as RunQuery's.
Result<SearchResult> RefineSearch(const CompletedSearch& search, const SearchRequest& query,
                                  StageTimings& timings);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_RUN_PIPELINE_H_
