#include "engine/search_service.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/run_pipeline.h"
#include "enrich/enricher.h"

namespace fareflow {
namespace {

// The answer over the suppliers finished so far, told to `progress`. `finished` has one entry per
// configured supplier (see RunPartialPipeline). The partial pipeline's pricing options live in an
// arena of its own, released here once the offers are reset: a streamed search holds one partial
// answer at a time, on top of what a search that does not stream holds.
void ReportPartial(const SearchRequest& query, const std::vector<SupplierOutcome>& finished,
                   std::size_t done, SearchProgress& progress) {
  Arena scratch;
  StageTimings timings;
  Result<SearchResult> partial = RunPartialPipeline(query, finished, scratch, timings);
  if (partial) progress.PartialResults(*partial, query, done, finished.size());
  ResetPartialPipeline(finished);
}

// Fetches what source.Fetch would, telling `progress` of each supplier as it finishes, then of
// the answer so far (in SearchProgress's order). Suppliers that Progress gave together are
// followed by one partial answer over them all.
std::vector<SupplierOutcome> FetchReporting(SupplierSource& source, RequestContext& context,
                                            const Enricher& enricher,
                                            std::chrono::steady_clock::time_point deadline,
                                            SearchProgress& progress) {
  std::unique_ptr<PendingFetch> fetch = source.Begin(context, enricher, deadline, FetchOptions{});
  const std::size_t total = fetch->SupplierCount();
  // The partial answers show the first page: a cursor belongs to the whole answer's search id.
  SearchRequest query = context.request();
  query.cursor.clear();
  std::vector<SupplierOutcome> finished(total);
  std::vector<bool> reported(total, false);
  std::size_t done = 0;
  auto report = [&](std::size_t i, const SupplierOutcome& outcome) {
    if (i >= total || reported[i]) return false;
    reported[i] = true;
    finished[i] = outcome;
    progress.SupplierDone(outcome, ++done, total);
    return true;
  };
  for (;;) {
    std::vector<std::pair<std::size_t, SupplierOutcome>> now = fetch->Progress();
    if (now.empty()) break;
    bool any = false;
    for (const auto& [i, outcome] : now) any |= report(i, outcome);
    if (any) ReportPartial(query, finished, done, progress);
  }
  std::vector<SupplierOutcome> outcomes = fetch->Wait();
  // Those still in flight at the deadline, timed out by Wait.
  bool late = false;
  for (std::size_t i = 0; i < outcomes.size(); ++i) late |= report(i, outcomes[i]);
  if (late) ReportPartial(query, finished, done, progress);
  return outcomes;
}

}  // namespace

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
    const auto deadline = Deadline(context.request(), start, call.deadline_cap);
    outcomes = call.progress == nullptr
                   ? source_.Fetch(context, enricher, deadline)
                   : FetchReporting(source_, context, enricher, deadline, *call.progress);
  }
  for (const SupplierOutcome& o : outcomes) context.timings()[Stage::kParseEnrich] += o.micros;
  search->id = source_.Recorded() ? source_.RecordingId(outcomes) : NewSearchId();
  Result<SearchResult> result =
      RunPipeline(context, std::move(outcomes), search->id, options_.stage_pool);
  if (!result) return tl::unexpected(result.error());
  search->result = std::move(*result);
  return search;
}

}  // namespace fareflow
