// Benchmarks on a reference workload, W5k unless --workload-dir names another (5,000 offers in
// three Amadeus payloads and one Duffel payload, made by `fareflow-payloadgen --workload W5k`
// with a workload.json naming the files; bench/workload.h): simdjson's own parse of the same
// bytes as the floor, parse+enrich per format, and each pipeline stage, single-threaded so that
// the ratios compare like with like. The other files of fareflow_bench: end to end on one thread
// and on the pool (end_to_end_bench.cc), the search service and the built-in supplier
// (service_bench.cc), stage 1 in pieces (stage1_bench.cc). At the end a table prints each result
// as a ratio to the floor.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <simdjson.h>

#include "api/search_response.h"
#include "bench/workload.h"
#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "enrich/enricher.h"
#include "pipeline/dedupe.h"
#include "pipeline/facets.h"
#include "pipeline/filter.h"
#include "pipeline/page.h"
#include "pipeline/rank.h"
#include "refdata/fx_rates.h"

namespace fareflow::bench {
namespace {

// The floor: simdjson's DOM parser reads every byte and builds its full tape, the least any
// parser of these payloads must do.
void DomParse(benchmark::State& state, const SupplierKind* kind) {
  simdjson::dom::parser& parser = ThreadDomParser();
  for (auto _ : state) DomParseAll(parser, kind);
  state.SetBytesProcessed(state.iterations() * BytesOf(kind));
}

void BM_SimdjsonDomParse_All(benchmark::State& state) { DomParse(state, nullptr); }
void BM_SimdjsonDomParse_Amadeus(benchmark::State& state) {
  const SupplierKind k = SupplierKind::kAmadeus;
  DomParse(state, &k);
}
void BM_SimdjsonDomParse_Duffel(benchmark::State& state) {
  const SupplierKind k = SupplierKind::kDuffel;
  DomParse(state, &k);
}
BENCHMARK(BM_SimdjsonDomParse_All)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimdjsonDomParse_Amadeus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimdjsonDomParse_Duffel)->Unit(benchmark::kMillisecond);

void ParseEnrich(benchmark::State& state, const SupplierKind* kind) {
  simdjson::ondemand::parser& parser = ThreadParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  int64_t offers = 0;
  for (auto _ : state) {
    RequestContext context(W5k().request);
    for (OfferBatch* b : ParseAll(context, parser, enricher, kind)) offers += b->offers.size();
  }
  state.SetBytesProcessed(state.iterations() * BytesOf(kind));
  state.counters["offers"] =
      benchmark::Counter(static_cast<double>(offers) / static_cast<double>(state.iterations()));
}

void BM_ParseEnrich_All(benchmark::State& state) { ParseEnrich(state, nullptr); }
void BM_ParseEnrich_Amadeus(benchmark::State& state) {
  const SupplierKind k = SupplierKind::kAmadeus;
  ParseEnrich(state, &k);
}
void BM_ParseEnrich_Duffel(benchmark::State& state) {
  const SupplierKind k = SupplierKind::kDuffel;
  ParseEnrich(state, &k);
}
BENCHMARK(BM_ParseEnrich_All)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseEnrich_Amadeus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseEnrich_Duffel)->Unit(benchmark::kMillisecond);

// The pipeline stages run on offers parsed once, outside the timed loop.
struct Parsed {
  RequestContext context{W5k().request};
  std::vector<OfferBatch*> batches;
  std::vector<Offer*> offers;
  Selection selection;
};

Parsed& ParsedW5k() {
  static Parsed* p = [] {
    auto* parsed = new Parsed;
    simdjson::ondemand::parser parser;
    static Enricher enricher(W5k().request, refdata::FxRates::Builtin());
    parsed->batches = ParseAll(parsed->context, parser, enricher, nullptr);
    parsed->offers = Dedupe(parsed->batches, parsed->context.arena()).offers;
    parsed->selection = ApplyFilters(parsed->offers, {}, std::nullopt);
    Score(parsed->offers, parsed->selection);
    Sort(parsed->offers, parsed->selection, SortKey::kBest);
    return parsed;
  }();
  return *p;
}

void BM_Dedupe(benchmark::State& state) {
  Parsed& p = ParsedW5k();
  for (auto _ : state) {
    Arena arena;
    benchmark::DoNotOptimize(Dedupe(p.batches, arena).offers.size());
  }
  // Dedupe points the kept offers' pricing options into its arena, gone now: point them back
  // into the request's, for the benchmarks that serialize them.
  p.offers = Dedupe(p.batches, p.context.arena()).offers;
}
BENCHMARK(BM_Dedupe)->Unit(benchmark::kMicrosecond);

void BM_Filter(benchmark::State& state) {
  Parsed& p = ParsedW5k();
  Filters filters;
  filters.max_stops = 1;
  filters.exclude_airlines = {AirlineCode::Parse("AA")};
  filters.max_duration_minutes = 20 * 60;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ApplyFilters(p.offers, filters, std::nullopt).size());
  }
}
BENCHMARK(BM_Filter)->Unit(benchmark::kMicrosecond);

void BM_ScoreAndSort(benchmark::State& state) {
  Parsed& p = ParsedW5k();
  for (auto _ : state) {
    Selection s = p.selection;
    ScoreAndSort(p.offers, s, SortKey::kBest);
    benchmark::DoNotOptimize(s.data());
  }
}
BENCHMARK(BM_ScoreAndSort)->Unit(benchmark::kMicrosecond);

void BM_Facets(benchmark::State& state) {
  Parsed& p = ParsedW5k();
  for (auto _ : state) {
    benchmark::DoNotOptimize(BuildFacets(p.offers, p.selection, 2).total);
  }
}
BENCHMARK(BM_Facets)->Unit(benchmark::kMicrosecond);

void Serialize(benchmark::State& state, int limit, std::size_t max_bytes = 0,
               AnswerForm form = AnswerForm::kFull) {
  Parsed& p = ParsedW5k();
  SearchRequest request = W5k().request;
  request.answer_form = form;
  SearchResult result;
  result.offers = p.offers;
  result.selection = p.selection;
  result.facets = BuildFacets(p.offers, p.selection, 2);
  result.page = *TakePage(result.selection, limit, "", 0);
  std::string out;
  for (auto _ : state) {
    out.clear();
    WriteSearchResponse(result, request, p.context.timings(), {.max_bytes = max_bytes}, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["bytes_out"] = static_cast<double>(out.size());
}
void BM_SerializePage20(benchmark::State& state) { Serialize(state, 20); }
void BM_SerializeAll(benchmark::State& state) { Serialize(state, 0); }
BENCHMARK(BM_SerializePage20)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SerializeAll)->Unit(benchmark::kMillisecond);
// The same with a bound on the answer's bytes, as the service writes them: the default bound for
// a page of 20, and a bound the whole set stays under (the per-offer check, no cut).
void BM_SerializePage20Bounded(benchmark::State& state) {
  Serialize(state, 20, kDefaultMaxAnswerBytes);
}
void BM_SerializeAllBounded(benchmark::State& state) { Serialize(state, 0, std::size_t{1} << 30); }
BENCHMARK(BM_SerializePage20Bounded)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SerializeAllBounded)->Unit(benchmark::kMillisecond);
// The compact answer form (docs/api.md, "Compact answers"): a page of 20 and the whole set, to
// set beside BM_SerializePage20, BM_SerializeAll and BM_ParseEnrich_All.
void BM_SerializePage20Compact(benchmark::State& state) {
  Serialize(state, 20, 0, AnswerForm::kCompact);
}
void BM_SerializeAllCompact(benchmark::State& state) {
  Serialize(state, 0, 0, AnswerForm::kCompact);
}
BENCHMARK(BM_SerializePage20Compact)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SerializeAllCompact)->Unit(benchmark::kMillisecond);

// Prints the usual console output, then every benchmark's time as a ratio to the floor.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      // The built-in supplier's runs read no payload bytes: no floor.
      if (run.run_name.function_name == "BM_BuiltinSearch") continue;
      // The pairs' time is the sum of their sides; their counters carry the ratios.
      if (run.run_name.function_name.starts_with("BM_Pairs_")) continue;
      std::string name = run.run_name.function_name;
      if (!run.run_name.args.empty()) name += "/" + run.run_name.args;
      // CPU time, as the table says: on a busy machine wall time also counts the time other
      // processes held the core. GetAdjustedCPUTime is per iteration, in the run's unit; the
      // multiplier is that unit per second.
      // Benchmarks timed in wall time (the worker pool's) are reported as such.
      const double time =
          run.run_name.time_type.empty() ? run.GetAdjustedCPUTime() : run.GetAdjustedRealTime();
      times_[name] = time * 1e3 / benchmark::GetTimeUnitMultiplier(run.time_unit);  // ms
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    auto floor_of = [this](const std::string& name) {
      // Parse+enrich of one format compares with the floor of the same bytes; everything else
      // with the floor of the whole workload.
      for (const char* suffix : {"_Amadeus", "_Duffel"}) {
        if (name.ends_with(suffix)) return times_["BM_SimdjsonDomParse" + std::string(suffix)];
      }
      // Stage 1 in pieces reads the Amadeus payloads alone.
      if (name.starts_with("BM_Stage1Pieces")) return times_["BM_SimdjsonDomParse_Amadeus"];
      return times_["BM_SimdjsonDomParse_All"];
    };
    if (times_["BM_SimdjsonDomParse_All"] <= 0) return;
    std::printf(
        "\n%s: %.1f MB in %zu payloads. CPU time (median when repeated); ratio = time / "
        "simdjson DOM parse of the same bytes (the floor)\n",
        W5k().name.c_str(), static_cast<double>(W5k().bytes) / 1e6, W5k().payloads.size());
    for (const auto& [name, ms] : times_) {
      const double floor = floor_of(name);
      if (floor > 0) std::printf("  %-28s %10.3f ms  %6.2fx\n", name.c_str(), ms, ms / floor);
    }
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace
}  // namespace fareflow::bench

int main(int argc, char** argv) {
  std::string dir = "build/w5k";
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--w5k-dir=", 10) == 0) {
      dir = argv[i] + 10;
    } else if (std::strncmp(argv[i], "--workload-dir=", 15) == 0) {
      dir = argv[i] + 15;
    } else {
      args.push_back(argv[i]);
    }
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  if (benchmark::ReportUnrecognizedArguments(n, args.data())) return 1;
  if (!fareflow::bench::LoadW5k(dir)) return 1;
  fareflow::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
