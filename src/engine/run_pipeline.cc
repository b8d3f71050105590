#include "engine/run_pipeline.h"

#include "pipeline/dedupe.h"
#include "pipeline/facets.h"
#include "pipeline/filter.h"
#include "pipeline/page.h"
#include "pipeline/rank.h"

namespace fareflow {

Result<void> RunQuery(const SearchRequest& query, std::string_view search_id, StageTimings& timings,
                      SearchResult& result) {
  {
    ScopedStageTimer t(timings, Stage::kFilter);
    result.selection = ApplyFilters(result.offers, query.filters, query.max_connections);
  }
  {
    ScopedStageTimer t(timings, Stage::kRank);
    Score(result.offers, result.selection);
    Sort(result.offers, result.selection, query.sort);
  }
  {
    ScopedStageTimer t(timings, Stage::kFacets);
    result.facets =
        BuildFacets(result.offers, result.selection, static_cast<int>(query.slices.size()));
  }
  Result<Page> page =
      TakePage(result.selection, query.limit, query.cursor, QueryFingerprint(query, search_id));
  if (!page) return tl::unexpected(page.error());
  result.page = std::move(*page);
  return {};
}

Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id) {
  SearchResult result;
  result.suppliers = std::move(suppliers);

  std::vector<OfferBatch*> batches;
  for (const SupplierOutcome& s : result.suppliers) {
    if (s.batch == nullptr) continue;
    result.received += s.batch->received;
    result.dropped += s.batch->dropped_total();
    result.parsed += static_cast<int>(s.batch->offers.size());
    result.zone_disagreements.Merge(s.batch->zone_disagreements);
    if (s.status == SupplierStatus::kOk) batches.push_back(s.batch);
  }
  {
    ScopedStageTimer t(context.timings(), Stage::kDedupe);
    result.offers = Dedupe(batches, context.arena()).offers;
  }
  Result<void> answered = RunQuery(context.request(), search_id, context.timings(), result);
  if (!answered) return tl::unexpected(answered.error());
  return result;
}

Result<SearchResult> RefineSearch(const CompletedSearch& search, const SearchRequest& query,
                                  StageTimings& timings) {
  // The refine works on its own selection of the stored offers.
  SearchResult view;
  view.suppliers = search.result.suppliers;
  view.offers = search.result.offers;
  view.received = search.result.received;
  view.dropped = search.result.dropped;
  view.parsed = search.result.parsed;
  Result<void> answered = RunQuery(query, search.id, timings, view);
  if (!answered) return tl::unexpected(answered.error());
  return view;
}

}  // namespace fareflow
