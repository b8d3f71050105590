#include "engine/search_service.h"

#include <algorithm>
#include <utility>

#include "engine/run_pipeline.h"
#include "enrich/enricher.h"

namespace fareflow {

SearchService::SearchService(SupplierSource& source, const refdata::FxRates& fx,
                             SearchServiceOptions options)
    : source_(source), fx_(fx), options_(options) {}

std::chrono::steady_clock::time_point SearchService::Deadline(
    const SearchRequest& request, std::chrono::steady_clock::time_point start,
    std::chrono::steady_clock::time_point cap) const {
  std::chrono::milliseconds wanted = options_.default_deadline;
  if (request.deadline_ms) wanted = std::chrono::milliseconds(*request.deadline_ms);
  wanted = std::min(wanted, options_.max_deadline);
  return std::min(start + wanted, cap);
}

Result<std::shared_ptr<CompletedSearch>> SearchService::Run(SearchRequest request,
                                                            const SearchCall& call) {
  if (!request.cursor.empty() && !source_.Recorded()) {
    // A cursor names a page of a stored search, which a new search cannot have yet.
    return tl::unexpected(Error{ErrorCode::kInvalidArgument,
                                "a new search starts at its first page; page a stored search with "
                                "GET /v1/searches/{search_id}/offers?cursor=...",
                                "/cursor"});
  }
  const auto start = call.arrived.value_or(std::chrono::steady_clock::now());
  auto search = std::make_shared<CompletedSearch>();
  search->created = std::chrono::system_clock::now();
  search->expires = search->created + options_.ttl;
  search->context = std::make_unique<RequestContext>(std::move(request));
  RequestContext& context = *search->context;
  context.timings()[Stage::kDecode] = call.decode_micros;

  const Enricher enricher(context.request(), fx_);
  std::vector<SupplierOutcome> outcomes;
  {
    ScopedStageTimer t(context.timings(), Stage::kSuppliers);
    outcomes =
        source_.Fetch(context, enricher, Deadline(context.request(), start, call.deadline_cap));
  }
  for (const SupplierOutcome& o : outcomes) context.timings()[Stage::kParseEnrich] += o.micros;
  search->id = source_.Recorded() ? source_.RecordingId(outcomes) : NewSearchId();
  Result<SearchResult> result = RunPipeline(context, std::move(outcomes), search->id);
  if (!result) return tl::unexpected(result.error());
  search->result = std::move(*result);
  return search;
}

}  // namespace fareflow
