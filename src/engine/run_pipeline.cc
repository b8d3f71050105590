#include "engine/run_pipeline.h"

#include "pipeline/dedupe.h"
#include "pipeline/filter.h"
#include "pipeline/page.h"
#include "pipeline/rank.h"

namespace fareflow {
Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id) {
  const SearchRequest& request = context.request();
  StageTimings& timings = context.timings();
  SearchResult result;
  result.suppliers = std::move(suppliers);

  std::vector<OfferBatch*> batches;
  for (const SupplierOutcome& s : result.suppliers) {
    if (s.batch == nullptr) continue;
    result.received += s.batch->received;
    result.dropped += s.batch->dropped_total();
    result.parsed += static_cast<int>(s.batch->offers.size());
    if (s.status == SupplierStatus::kOk) batches.push_back(s.batch);
  }
  {
    ScopedStageTimer t(timings, Stage::kDedupe);
    result.offers = Dedupe(batches, context.arena()).offers;
  }
  {
    ScopedStageTimer t(timings, Stage::kFilter);
    result.selection = ApplyFilters(result.offers, request.filters, request.max_connections);
  }
  {
    ScopedStageTimer t(timings, Stage::kRank);
    Score(result.offers, result.selection);
    Sort(result.offers, result.selection, request.sort);
  }
  {
    ScopedStageTimer t(timings, Stage::kFacets);
    result.facets =
        BuildFacets(result.offers, result.selection, static_cast<int>(request.slices.size()));
  }
  auto page = TakePage(result.selection, request.limit, request.cursor,
                       QueryFingerprint(request, search_id));
  if (!page) return tl::unexpected(page.error());
  result.page = *page;
  return result;
}

}  // namespace fareflow
