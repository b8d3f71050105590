// Benchmarks on a reference workload, W5k unless --workload-dir names another (5,000 offers in
// three Amadeus payloads and one Duffel payload, made by `fareflow-payloadgen --workload W5k`
// with a workload.json naming the files): simdjson's own parse of the same bytes as the floor,
// parse+enrich per format, each pipeline stage, and bytes-to-answer end to end. Everything runs
// single-threaded so the ratios compare like with like. At the end a table prints each result as
// a ratio to the floor.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <latch>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "api/search_events.h"
#include "api/search_response.h"
#include "engine/builtin_supplier.h"
#include "engine/payload_parser.h"
#include "engine/recorded_search.h"
#include "engine/request_context.h"
#include "engine/run_pipeline.h"
#include "engine/search_service.h"
#include "engine/split_payload.h"
#include "engine/supplier_kind.h"
#include "engine/supplier_outcome.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"
#include "pipeline/dedupe.h"
#include "pipeline/facets.h"
#include "pipeline/filter.h"
#include "pipeline/page.h"
#include "pipeline/rank.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

struct Workload {
  std::string name = "W5k";
  std::vector<std::pair<SupplierKind, simdjson::padded_string>> payloads;
  int64_t bytes = 0;
  SearchRequest request;
};

Workload& W5k() {
  static Workload w;
  return w;
}

// Reads the payloads that `dir`/workload.json names (fareflow-payloadgen --workload writes it).
bool LoadW5k(const std::string& dir) {
  Workload& w = W5k();
  simdjson::padded_string manifest_bytes;
  simdjson::dom::parser manifest_parser;
  simdjson::dom::element manifest;
  if (simdjson::padded_string::load(dir + "/workload.json").get(manifest_bytes) ||
      manifest_parser.parse(manifest_bytes).get(manifest)) {
    std::fprintf(stderr, "cannot read %s/workload.json (make workload writes it)\n", dir.c_str());
    return false;
  }
  std::string_view name;
  simdjson::dom::array files;
  if (manifest["workload"].get(name) || manifest["payloads"].get(files)) {
    std::fprintf(stderr, "%s/workload.json: no workload or payloads\n", dir.c_str());
    return false;
  }
  w.name = std::string(name);
  for (simdjson::dom::element file : files) {
    std::string_view file_name, kind_name;
    if (file["name"].get(file_name) || file["kind"].get(kind_name)) {
      std::fprintf(stderr, "%s/workload.json: a payload without name or kind\n", dir.c_str());
      return false;
    }
    const std::optional<SupplierKind> kind = ParseSupplierKind(kind_name);
    if (!kind || *kind == SupplierKind::kBuiltin) {
      std::fprintf(stderr, "%s/workload.json: unknown kind\n", dir.c_str());
      return false;
    }
    const std::string path = dir + "/" + std::string(file_name);
    simdjson::padded_string bytes;
    if (simdjson::padded_string::load(path).get(bytes)) {
      std::fprintf(stderr, "cannot read %s (make workload writes it)\n", path.c_str());
      return false;
    }
    w.bytes += static_cast<int64_t>(bytes.size());
    w.payloads.emplace_back(*kind, std::move(bytes));
  }
  // The request the workload answers (see tools/payloadgen): LHR-JFK round trip, 2 adults,
  // prices in EUR, cheapest first.
  w.request.slices = {{LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), 0},
                      {LocationCode::Parse("JFK"), LocationCode::Parse("LHR"), 0}};
  w.request.passengers.adults = 2;
  w.request.currency = CurrencyCode::Parse("EUR");
  w.request.sort = SortKey::kCheapest;
  return true;
}

// The parsers of the benchmark's thread, kept from one benchmark run to the next as a worker
// keeps its own from one search to the next (engine/worker_pool.h): their buffers are sized and
// faulted in once, for the largest payload met, not again in every run's first iterations.
simdjson::ondemand::parser& ThreadParser() {
  thread_local simdjson::ondemand::parser parser;
  return parser;
}
simdjson::dom::parser& ThreadDomParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

// Parses every payload of `kind` (or all when kind is null) into `context`, single-threaded.
std::vector<OfferBatch*> ParseAll(RequestContext& context, simdjson::ondemand::parser& parser,
                                  const Enricher& enricher, const SupplierKind* kind) {
  std::vector<OfferBatch*> batches;
  uint16_t index = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (kind != nullptr && k != *kind) continue;
    Arena& arena = context.NewArena();
    OfferBatch& batch = context.NewBatch(arena);
    if (!ParsePayload(k, bytes, parser, enricher, arena, index++, batch)) std::abort();
    batches.push_back(&batch);
  }
  return batches;
}

int64_t BytesOf(const SupplierKind* kind) {
  int64_t n = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (kind == nullptr || k == *kind) n += static_cast<int64_t>(bytes.size());
  }
  return n;
}

// The floor: simdjson's DOM parser reads every byte and builds its full tape, the least any
// parser of these payloads must do.
void DomParse(benchmark::State& state, const SupplierKind* kind) {
  simdjson::dom::parser& parser = ThreadDomParser();
  for (auto _ : state) {
    for (auto& [k, bytes] : W5k().payloads) {
      if (kind != nullptr && k != *kind) continue;
      simdjson::dom::element doc;
      if (parser.parse(bytes).get(doc)) std::abort();
      benchmark::DoNotOptimize(doc);
    }
  }
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

// Stage 1 alone on the Amadeus payloads: what indexing a payload in pieces, as a stage-1 driver of
// fareflow's own would, costs and saves. /0 indexes each payload whole, as the On-Demand parser
// does; /1 one offer at a time (pieces end where the pool's cut would, before the format's offer
// start); /2 the payload without every traveler's fareDetailsBySegment whose bytes repeat the
// previous traveler's, which such a driver would not need to index (the same bytes hold the same
// tokens), in the pieces between them. simdjson's own stage 1, CPU time; `tokens` is what the
// pieces indexed.
class Stage1Pieces {
 public:
  enum Mode { kWhole, kOffers, kWithoutRepeats };

  Stage1Pieces(std::string_view payload, Mode mode) : payload_(payload) {
    if (mode == kWhole) {
      pieces_.emplace_back(0, payload.size());
      return;
    }
    const std::string_view start = PieceShapeOf(SupplierKind::kAmadeus, payload).offer_start;
    std::vector<std::size_t> cuts = {0};
    for (const char* cut = FindPayloadCut(payload, start, 1); cut != nullptr;
         cut = FindPayloadCut(payload, start, static_cast<std::size_t>(cut - payload.data()) + 1)) {
      cuts.push_back(static_cast<std::size_t>(cut - payload.data()));
    }
    cuts.push_back(payload.size());
    if (mode == kOffers) {
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) pieces_.emplace_back(cuts[i], cuts[i + 1]);
      return;
    }
    std::size_t from = 0;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      for (const auto& [begin, end] : Repeats(cuts[i], cuts[i + 1])) {
        pieces_.emplace_back(from, begin);
        from = end;
      }
    }
    pieces_.emplace_back(from, payload.size());
  }

  // Indexes every piece with `impl`; the tokens they hold.
  std::size_t Index(simdjson::internal::dom_parser_implementation& impl) const {
    std::size_t tokens = 0;
    const auto* bytes = reinterpret_cast<const uint8_t*>(payload_.data());
    for (const auto& [begin, end] : pieces_) {
      if (impl.stage1(bytes + begin, end - begin, simdjson::stage1_mode::regular)) std::abort();
      tokens += impl.n_structural_indexes;
    }
    return tokens;
  }

 private:
  // The fareDetailsBySegment arrays in [from, to) that repeat the array before them byte for byte.
  std::vector<std::pair<std::size_t, std::size_t>> Repeats(std::size_t from, std::size_t to) const {
    constexpr std::string_view kKey = R"("fareDetailsBySegment":)";
    std::vector<std::pair<std::size_t, std::size_t>> repeats;
    std::string_view previous;
    for (std::size_t at = payload_.find(kKey, from); at < to; at = payload_.find(kKey, at + 1)) {
      const std::size_t begin = at + kKey.size();
      const std::size_t end = ValueEnd(begin);
      if (end > to || payload_[begin] != '[') break;
      const std::string_view array = payload_.substr(begin, end - begin);
      if (array == previous) repeats.emplace_back(begin, end);
      previous = array;
    }
    return repeats;
  }

  // One past the bracket that closes the array or object at `at`, strings stepped over; npos when
  // it never closes.
  std::size_t ValueEnd(std::size_t at) const {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = at; i < payload_.size(); ++i) {
      const char c = payload_[i];
      if (in_string) {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          in_string = false;
        }
      } else if (c == '"') {
        in_string = true;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if ((c == ']' || c == '}') && --depth == 0) {
        return i + 1;
      }
    }
    return std::string_view::npos;
  }

  std::string_view payload_;
  std::vector<std::pair<std::size_t, std::size_t>> pieces_;  // [begin, end) of each piece
};

void BM_Stage1Pieces(benchmark::State& state) {
  const auto mode = static_cast<Stage1Pieces::Mode>(state.range(0));
  std::vector<Stage1Pieces> payloads;
  std::size_t largest = 0;
  for (auto& [k, bytes] : W5k().payloads) {
    if (k != SupplierKind::kAmadeus) continue;
    payloads.emplace_back(std::string_view(bytes.data(), bytes.size()), mode);
    largest = std::max(largest, bytes.size());
  }
  std::unique_ptr<simdjson::internal::dom_parser_implementation> impl;
  if (simdjson::get_active_implementation()->create_dom_parser_implementation(
          largest, simdjson::DEFAULT_MAX_DEPTH, impl)) {
    std::abort();
  }
  std::size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    for (const Stage1Pieces& p : payloads) tokens += p.Index(*impl);
  }
  state.counters["tokens"] = static_cast<double>(tokens);
  const SupplierKind amadeus = SupplierKind::kAmadeus;
  state.SetBytesProcessed(state.iterations() * BytesOf(&amadeus));
}
BENCHMARK(BM_Stage1Pieces)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

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

// The wall time of each search of a benchmark, for the median search (counter search_p50_ms).
// Google Benchmark's time is the mean of a repetition's searches, so one search that a stalled
// core stretched ten times moves it; the median search does not move.
class SearchWallTimes {
 public:
  using Clock = std::chrono::steady_clock;
  void Add(Clock::time_point start) {
    times_.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  // Sets the counter on `state` (nothing when no search ran).
  void Report(benchmark::State& state) {
    if (times_.empty()) return;
    auto middle = times_.begin() + static_cast<std::ptrdiff_t>(times_.size() / 2);
    std::nth_element(times_.begin(), middle, times_.end());
    state.counters["search_p50_ms"] = *middle;
  }

 private:
  std::vector<double> times_;
};

// Bytes in, answer out: parse+enrich every payload on the calling thread, dedupe, filter, rank,
// facets, page and serialize the first page into `out` — what one search costs once the supplier
// bytes have arrived. The search's arenas are freed before it returns, as in the pool's searches.
void SearchOnThisThread(simdjson::ondemand::parser& parser, const Enricher& enricher,
                        std::string& out) {
  RequestContext context(W5k().request);
  std::vector<SupplierOutcome> outcomes;
  for (OfferBatch* b : ParseAll(context, parser, enricher, nullptr)) {
    SupplierOutcome o;
    o.batch = b;
    outcomes.push_back(std::move(o));
  }
  auto result = RunPipeline(context, std::move(outcomes), "w5k");
  out.clear();
  WriteSearchResponse(*result, context.request(), context.timings(), {}, out);
  benchmark::DoNotOptimize(out.data());
}

void BM_EndToEnd(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  SearchWallTimes walls;
  for (auto _ : state) {
    const SearchWallTimes::Clock::time_point start = SearchWallTimes::Clock::now();
    SearchOnThisThread(parser, enricher, out);
    walls.Add(start);
  }
  state.SetBytesProcessed(state.iterations() * W5k().bytes);
  walls.Report(state);
}
BENCHMARK(BM_EndToEnd)->Unit(benchmark::kMillisecond);

// The same search with the worker pool, as `fareflow search` and a live search parse once the
// suppliers have answered: payloads started largest first, and a payload of kSplitPayloadBytes
// or more shared by two workers when one falls idle (engine/split_payload.cc), then the pipeline
// and the first page on the calling thread.
class PoolSearch {
 public:
  // A pool of `threads` (0: one per hardware thread), warmed as a server's is (below).
  explicit PoolSearch(unsigned threads);

  // One search, its wall time added to the three sums below.
  void Run();

  unsigned threads() const { return pool_.size(); }

  // Where the wall time went, summed over Run's calls: parsing on the pool, the serial stages
  // after it, and freeing the search's arenas.
  double parse_ms = 0;
  double stages_ms = 0;
  double free_ms = 0;

 private:
  using Clock = std::chrono::steady_clock;
  static double MsSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  }

  WorkerPool pool_;
  Enricher enricher_{W5k().request, refdata::FxRates::Builtin()};
  std::vector<std::size_t> order_;  // the payloads, largest first
  std::string out_;
};

PoolSearch::PoolSearch(unsigned threads) : pool_(threads) {
  const auto& payloads = W5k().payloads;
  std::vector<std::size_t> sizes;
  for (const auto& [kind, bytes] : payloads) sizes.push_back(bytes.size());
  order_ = LargestFirst(sizes);
  // A server's pool is warm: each of its workers' parsers has the buffers of the largest payload
  // it has parsed, faulted in, and the arenas' blocks are in the process's cache. So every worker
  // of this new pool parses the largest payload once (the barrier holds each to one), then one
  // untimed search runs. Without the first step, a worker that first meets the largest payload,
  // or a tail of it, inside the timed loop grows its parser there: fresh memory that, on a VM
  // whose freed memory goes back to the host, took a head piece from 16 ms to over 200 ms.
  std::barrier all_parsed(static_cast<std::ptrdiff_t>(pool_.size()));
  std::latch done(static_cast<std::ptrdiff_t>(pool_.size()));
  std::vector<WorkerPool::Task> warm;
  for (unsigned w = 0; w < pool_.size(); ++w) {
    warm.emplace_back([&](simdjson::ondemand::parser& parser) {
      const auto& [kind, bytes] = payloads[order_.front()];
      Arena arena;
      OfferBatch batch(arena.resource());
      if (!ParsePayload(kind, bytes, parser, enricher_, arena, 0, batch)) std::abort();
      all_parsed.arrive_and_wait();
      done.count_down();
    });
  }
  pool_.SubmitAll(std::move(warm));
  done.wait();
  Run();
  parse_ms = stages_ms = free_ms = 0;
}

void PoolSearch::Run() {
  const auto& payloads = W5k().payloads;
  const Clock::time_point start = Clock::now();
  std::optional<RequestContext> context_holder(std::in_place, W5k().request);
  RequestContext& context = *context_holder;
  std::vector<SupplierOutcome> outcomes(payloads.size());
  std::latch parsed(static_cast<std::ptrdiff_t>(payloads.size()));
  // All at once, as fareflow search queues recorded payloads (engine/recorded_search.cc).
  std::vector<WorkerPool::Task> tasks;
  for (const std::size_t i : order_) {
    tasks.emplace_back([&, i](simdjson::ondemand::parser& parser) {
      Arena& arena = context.NewArena();
      OfferBatch& batch = context.NewBatch(arena);
      const auto& [kind, bytes] = payloads[i];
      if (!ParsePayload(kind, bytes, parser, enricher_, arena, static_cast<uint16_t>(i), batch,
                        &pool_)) {
        std::abort();
      }
      outcomes[i].batch = &batch;
      parsed.count_down();
    });
  }
  pool_.SubmitAll(std::move(tasks));
  parsed.wait();
  parse_ms += MsSince(start);
  const Clock::time_point stages = Clock::now();
  {
    auto result = RunPipeline(context, std::move(outcomes), "w5k", &pool_);
    out_.clear();
    WriteSearchResponse(*result, context.request(), context.timings(), {}, out_);
    benchmark::DoNotOptimize(out_.data());
  }
  stages_ms += MsSince(stages);
  const Clock::time_point freeing = Clock::now();
  context_holder.reset();
  free_ms += MsSince(freeing);
}

// BM_EndToEndPool has one thread per hardware thread; BM_EndToEndPoolThreads/1 and /2 have 1
// (no split: what the pool itself costs) and 2 (the scaling to compare with BM_EndToEnd). Wall
// time, since the work is spread over threads; run under `taskset -c 0`, two threads take turns
// on one core.
void EndToEndPool(benchmark::State& state, unsigned threads) {
  PoolSearch search(threads);
  // The CPU time of every thread of the process, so that the split's extra work shows beside the
  // wall time it saves (the CPU column is the calling thread's alone).
  auto process_cpu_ms = [] {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
  };
  // And the page faults of every thread: memory a search takes fresh from the kernel.
  auto page_faults = [] {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_minflt + usage.ru_majflt);
  };
  const double cpu_start = process_cpu_ms();
  const double faults_start = page_faults();
  SearchWallTimes walls;
  for (auto _ : state) {
    const SearchWallTimes::Clock::time_point start = SearchWallTimes::Clock::now();
    search.Run();
    walls.Add(start);
  }
  walls.Report(state);
  const double n = static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
  state.counters["all_threads_cpu_ms"] = (process_cpu_ms() - cpu_start) / n;
  state.counters["page_faults"] = (page_faults() - faults_start) / n;
  state.counters["parse_ms"] = search.parse_ms / n;
  state.counters["stages_ms"] = search.stages_ms / n;
  state.counters["free_ms"] = search.free_ms / n;
  state.SetBytesProcessed(state.iterations() * W5k().bytes);
  state.counters["threads"] = search.threads();
}
void BM_EndToEndPool(benchmark::State& state) { EndToEndPool(state, 0); }
void BM_EndToEndPoolThreads(benchmark::State& state) {
  EndToEndPool(state, static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_EndToEndPool)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EndToEndPoolThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The speed targets' ratios, measured in adjacent pairs. This machine's speed changes over
// seconds (a fixed loop took 0.95 s to 1.33 s in consecutive runs), and two benchmarks measured a
// few seconds apart can meet different speeds even when their repetitions take turns. So each
// iteration here runs every side of a ratio once, back to back, in an order that rotates, and the
// ratio is the median of the iterations' own ratios: a slow second weighs on both sides of the
// iterations it falls in.
class Pairs {
 public:
  explicit Pairs(std::size_t sides) : times_(sides) {}

  // The times of one iteration's sides, in the order the sides were given.
  void Add(const std::vector<double>& times) {
    for (std::size_t i = 0; i < times_.size(); ++i) times_[i].push_back(times[i]);
  }

  // Sets `name` to side `i`'s median time.
  void Median(benchmark::State& state, const char* name, std::size_t i) const {
    state.counters[name] = MedianOf(times_[i]);
  }

  // Sets `name` to the median over the iterations of side `a`'s time ÷ side `b`'s.
  void Ratio(benchmark::State& state, const char* name, std::size_t a, std::size_t b) const {
    std::vector<double> ratios;
    for (std::size_t k = 0; k < times_[a].size(); ++k) {
      ratios.push_back(times_[b][k] > 0 ? times_[a][k] / times_[b][k] : 0);
    }
    state.counters[name] = MedianOf(std::move(ratios));
  }

 private:
  static double MedianOf(std::vector<double> v) {
    if (v.empty()) return 0;
    auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), middle, v.end());
    return *middle;
  }

  std::vector<std::vector<double>> times_;  // per side, one time per iteration
};

double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double WallMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Runs `sides` once each, starting with side `first` and going round, timing each with `clock`.
template <typename Clock>
std::vector<double> TimeInTurn(const std::vector<std::function<void()>>& sides, std::size_t first,
                               Clock clock) {
  std::vector<double> times(sides.size());
  for (std::size_t j = 0; j < sides.size(); ++j) {
    const std::size_t side = (first + j) % sides.size();
    const double start = clock();
    sides[side]();
    times[side] = clock() - start;
  }
  return times;
}

// simdjson's DOM parse, parse+enrich and end to end of the workload, single-threaded, CPU time.
void BM_Pairs_Floor(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  simdjson::dom::parser& dom = ThreadDomParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  const std::vector<std::function<void()>> sides = {
      [&] {
        for (auto& [k, bytes] : W5k().payloads) {
          simdjson::dom::element doc;
          if (dom.parse(bytes).get(doc)) std::abort();
          benchmark::DoNotOptimize(doc);
        }
      },
      [&] {
        RequestContext context(W5k().request);
        benchmark::DoNotOptimize(ParseAll(context, parser, enricher, nullptr).size());
      },
      [&] { SearchOnThisThread(parser, enricher, out); }};
  Pairs pairs(sides.size());
  std::size_t turn = 0;
  for (auto _ : state) pairs.Add(TimeInTurn(sides, turn++ % sides.size(), ThreadCpuMs));
  pairs.Median(state, "dom_ms", 0);
  pairs.Median(state, "parse_enrich_ms", 1);
  pairs.Median(state, "end_to_end_ms", 2);
  pairs.Ratio(state, "parse_enrich_ratio", 1, 0);
  pairs.Ratio(state, "end_to_end_ratio", 2, 0);
}
// At least 2 s a repetition whatever --benchmark_min_time says: a ratio's median needs pairs.
BENCHMARK(BM_Pairs_Floor)->Unit(benchmark::kMillisecond)->MinTime(2);

// The search on the calling thread against the same search on the pool of one thread per core,
// wall time; `gain` is the first over the second.
void BM_Pairs_Pool(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  SearchOnThisThread(parser, enricher, out);  // its parser sized, as the pool's are
  PoolSearch pool(0);
  const std::vector<std::function<void()>> sides = {
      [&] { SearchOnThisThread(parser, enricher, out); }, [&] { pool.Run(); }};
  Pairs pairs(sides.size());
  std::size_t turn = 0;
  for (auto _ : state) pairs.Add(TimeInTurn(sides, turn++ % sides.size(), WallMs));
  pairs.Median(state, "one_thread_ms", 0);
  pairs.Median(state, "pool_ms", 1);
  pairs.Ratio(state, "gain", 0, 1);
  state.counters["threads"] = pool.threads();
}
BENCHMARK(BM_Pairs_Pool)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2);

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
}  // namespace fareflow

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
  if (!fareflow::LoadW5k(dir)) return 1;
  fareflow::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
