#include "engine/run_pipeline.h"

#include "pipeline/dedupe.h"
#include "pipeline/facets.h"
#include "pipeline/filter.h"
#include "pipeline/page.h"
#include "pipeline/rank.h"

namespace fareflow {

Result<void> RunQuery(const SearchRequest& query, std::string_view search_id, StageTimings& timings,
                      SearchResult& result, WorkerPool* helpers) {
  {
    ScopedStageTimer t(timings, Stage::kFilter);
    result.selection = ApplyFilters(result.offers, query.filters, query.max_connections);
  }
  const int slices = static_cast<int>(query.slices.size());
  auto rank = [&] {
    ScopedStageTimer t(timings, Stage::kRank);
    ScoreAndSort(result.offers, result.selection, query.sort);
  };
  if (helpers != nullptr && result.selection.size() >= kOffersWorthASecondThread) {
    // The counts do not depend on the order, so they are taken from a copy of the selection
    // while Sort reorders it. Score writes only the offers' score and tags, which facets do not
    // read.
    const Selection unsorted = result.selection;
    RunBeside(*helpers, rank, [&] {
      ScopedStageTimer t(timings, Stage::kFacets);
      result.facets = CountFacets(result.offers, unsorted, slices);
    });
  } else {
    rank();
    ScopedStageTimer t(timings, Stage::kFacets);
    result.facets = CountFacets(result.offers, result.selection, slices);
  }
  {
    // The airlines are named in the order the answer lists the offers.
    ScopedStageTimer t(timings, Stage::kFacets);
    NameAirlineFacets(result.offers, result.selection, result.facets);
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
                                    std::string_view search_id, Arena& arena, StageTimings& timings,
                                    WorkerPool* helpers) {
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
  Result<void> answered = RunQuery(query, search_id, timings, result, helpers);
  if (!answered) return tl::unexpected(answered.error());
  return result;
}

}  // namespace

Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id, WorkerPool* helpers) {
  return DedupeAndQuery(context.request(), std::move(suppliers), search_id, context.arena(),
                        context.timings(), helpers);
}

Result<SearchResult> RunPartialPipeline(const SearchRequest& query,
                                        std::vector<SupplierOutcome> suppliers, Arena& scratch,
                                        StageTimings& timings) {
  // No search id yet: the page's cursor is not usable (docs/api.md, "Streaming answers").
  return DedupeAndQuery(query, std::move(suppliers), {}, scratch, timings, nullptr);
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
