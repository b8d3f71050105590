// A search through SearchService (streamed or not) and the built-in supplier's search.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "api/search_events.h"
#include "api/search_response.h"
#include "bench/workload.h"
#include "engine/builtin_supplier.h"
#include "engine/request_context.h"
#include "engine/run_pipeline.h"
#include "engine/search_service.h"
#include "engine/supplier_outcome.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"

namespace fareflow::bench {
namespace {

// A search through SearchService, streamed or not: the payloads parsed on the calling thread (as
// in BM_EndToEnd), each supplier finishing on its own, so that a streamed search runs one partial
// pipeline and writes one `results` event per supplier before the whole answer. The difference
// between the two rows is what streaming costs the search thread.
class W5kSource final : public SupplierSource {
 public:
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point) override {
    std::vector<SupplierOutcome> outcomes;
    for (OfferBatch* b : ParseAll(context, parser_, enricher, nullptr)) {
      SupplierOutcome& o = outcomes.emplace_back();
      o.name = "supplier-" + std::to_string(outcomes.size());
      o.batch = b;
    }
    return outcomes;
  }
  std::unique_ptr<PendingFetch> Begin(RequestContext& context, const Enricher& enricher,
                                      std::chrono::steady_clock::time_point deadline,
                                      FetchOptions) override {
    return std::make_unique<OneByOne>(Fetch(context, enricher, deadline));
  }

 private:
  class OneByOne final : public PendingFetch {
   public:
    explicit OneByOne(std::vector<SupplierOutcome> outcomes) : outcomes_(std::move(outcomes)) {}
    std::vector<SupplierOutcome> Wait() override { return std::move(outcomes_); }
    std::vector<std::pair<std::size_t, SupplierOutcome>> Progress() override {
      if (next_ == outcomes_.size()) return {};
      std::vector<std::pair<std::size_t, SupplierOutcome>> done;
      done.emplace_back(next_, outcomes_[next_]);
      ++next_;
      return done;
    }
    std::size_t SupplierCount() const override { return outcomes_.size(); }

   private:
    std::vector<SupplierOutcome> outcomes_;
    std::size_t next_ = 0;
  };
  simdjson::ondemand::parser parser_;
};

// Writes each event as the HTTP side would, into a buffer reused event after event.
class EventWriter final : public SearchProgress {
 public:
  void SupplierDone(const SupplierOutcome& outcome, std::size_t done, std::size_t total) override {
    out.clear();
    WriteSupplierEvent(outcome, done, total, true, out);
    benchmark::DoNotOptimize(out.data());
  }
  void PartialResults(const SearchResult& result, const SearchRequest& request, std::size_t done,
                      std::size_t total) override {
    out.clear();
    WriteResultsEvent(result, request, done, total, kDefaultMaxAnswerBytes, out);
    benchmark::DoNotOptimize(out.data());
  }
  std::string out;
};

void ServiceSearch(benchmark::State& state, bool streamed) {
  W5kSource source;
  SearchService service(source, refdata::FxRates::Builtin(), {});
  EventWriter events;
  std::string out;
  for (auto _ : state) {
    auto search = service.Run(W5k().request, {.progress = streamed ? &events : nullptr});
    if (!search) std::abort();
    out.clear();
    WriteSearchResponse((*search)->result, (*search)->request(), (*search)->context->timings(),
                        {.search_id = (*search)->id}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * W5k().bytes);
}
void BM_ServiceSearch(benchmark::State& state) { ServiceSearch(state, false); }
void BM_ServiceSearchStreamed(benchmark::State& state) { ServiceSearch(state, true); }
BENCHMARK(BM_ServiceSearch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ServiceSearchStreamed)->Unit(benchmark::kMillisecond);

// The same search answered by the built-in supplier in process, at each workload's size: offers
// generated straight into the arena (no JSON to parse) and enriched, then the pipeline and the
// first page. What `fareflow serve` does per search without a configuration.
void BM_BuiltinSearch(benchmark::State& state) {
  const int offers = static_cast<int>(state.range(0));
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  int64_t kept = 0;
  for (auto _ : state) {
    RequestContext context(W5k().request);
    std::vector<SupplierOutcome> outcomes;
    outcomes.push_back(RunBuiltinSupplier(enricher, context, 0, offers, "builtin"));
    kept = outcomes.front().kept();
    auto result = RunPipeline(context, std::move(outcomes), "builtin");
    out.clear();
    WriteSearchResponse(*result, context.request(), context.timings(), {}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["offers"] = static_cast<double>(kept);
}
BENCHMARK(BM_BuiltinSearch)
    ->Arg(1'000)
    ->Arg(5'000)
    ->Arg(20'000)
    ->Arg(100'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fareflow::bench
