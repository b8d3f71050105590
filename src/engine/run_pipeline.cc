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

namespace {

// RunPipeline's stages, with the arena of the pricing options and the timings given.
Result<SearchResult> DedupeAndQuery(const SearchRequest& query,
                                    std::vector<SupplierOutcome> suppliers,
                                    std::string_view search_id, Arena& arena,
                                    StageTimings& timings) {
  SearchResult result;
  result.suppliers = std::move(suppliers);

  std::vector<OfferBatch*> batches;
  for (const SupplierOutcome& s : result.suppliers) {
    if (s.batch == nullptr) continue;
    result.received += s.batch->received;
    result.dropped += s.batch->dropped_total();
    result.parsed += static_cast<int>(s.batch->offers.size());
    result.zone_disagreements.Merge(s.batch->zone_disagreements);
    if (s.ContributesOffers()) batches.push_back(s.batch);
  }
  {
    ScopedStageTimer t(timings, Stage::kDedupe);
    result.offers = Dedupe(batches, arena).offers;
  }
  Result<void> answered = RunQuery(query, search_id, timings, result);
  if (!answered) return tl::unexpected(answered.error());
  return result;
}

}  // namespace

Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id) {
  return DedupeAndQuery(context.request(), std::move(suppliers), search_id, context.arena(),
                        context.timings());
}

Result<SearchResult> RunPartialPipeline(const SearchRequest& query,
                                        std::vector<SupplierOutcome> suppliers, Arena& scratch,
                                        StageTimings& timings) {
  // No search id yet: the page's cursor is not usable (docs/api.md, "Streaming answers").
  return DedupeAndQuery(query, std::move(suppliers), {}, scratch, timings);
}

void ResetPartialPipeline(std::span<const SupplierOutcome> suppliers) {
  for (const SupplierOutcome& s : suppliers) {
    if (s.batch == nullptr) continue;
    for (Offer& offer : s.batch->offers) {
      offer.pricing_options = {};
      offer.score = 0;
      offer.tags = 0;
    }
  }
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
