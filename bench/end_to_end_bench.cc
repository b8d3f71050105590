// Bytes in, answer out: the whole search on one thread and on the worker pool, and the speed
// targets' ratios measured in adjacent pairs.

#include <sys/resource.h>

#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <latch>
#include <optional>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "api/search_response.h"
#include "bench/workload.h"
#include "engine/payload_parser.h"
#include "engine/recorded_search.h"
#include "engine/request_context.h"
#include "engine/run_pipeline.h"
#include "engine/supplier_outcome.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"

namespace fareflow::bench {
namespace {

// The median of `v` (0 when empty).
double MedianOf(std::vector<double> v) {
  if (v.empty()) return 0;
  auto middle = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), middle, v.end());
  return *middle;
}

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
    if (!times_.empty()) state.counters["search_p50_ms"] = MedianOf(times_);
  }

 private:
  std::vector<double> times_;
};

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

  // As many whole searches as the pool has workers, one on each at once, each as a single thread
  // runs it (no split, no stage shared): the work shares nothing but the machine. Its wall time
  // against one search on one thread is what the machine gives that many threads, the most any
  // way of spreading one search over them could gain.
  void RunApart();

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
  std::vector<std::string> apart_out_;  // RunApart's answers, one per worker
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

void PoolSearch::RunApart() {
  apart_out_.resize(pool_.size());
  // The barrier holds each task to a worker of its own, as the warm-up above does.
  std::barrier started(static_cast<std::ptrdiff_t>(pool_.size()));
  std::latch done(static_cast<std::ptrdiff_t>(pool_.size()));
  std::vector<WorkerPool::Task> tasks;
  for (unsigned w = 0; w < pool_.size(); ++w) {
    tasks.emplace_back([&, w](simdjson::ondemand::parser& parser) {
      started.arrive_and_wait();
      SearchOnThisThread(parser, enricher_, apart_out_[w]);
      done.count_down();
    });
  }
  pool_.SubmitAll(std::move(tasks));
  done.wait();
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

  // Sets `name` to the median over the iterations of `scale` × side `a`'s time ÷ side `b`'s.
  void Ratio(benchmark::State& state, const char* name, std::size_t a, std::size_t b,
             double scale = 1) const {
    std::vector<double> ratios;
    for (std::size_t k = 0; k < times_[a].size(); ++k) {
      ratios.push_back(times_[b][k] > 0 ? scale * times_[a][k] / times_[b][k] : 0);
    }
    state.counters[name] = MedianOf(std::move(ratios));
  }

 private:
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

// Runs `sides` in turn for as long as `state` runs, each iteration's sides timed with `clock`.
template <typename Clock>
Pairs RunPairs(benchmark::State& state, const std::vector<std::function<void()>>& sides,
               Clock clock) {
  Pairs pairs(sides.size());
  std::size_t turn = 0;
  for (auto _ : state) pairs.Add(TimeInTurn(sides, turn++ % sides.size(), clock));
  return pairs;
}

// simdjson's DOM parse, parse+enrich and end to end of the workload, single-threaded, CPU time.
void BM_Pairs_Floor(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  simdjson::dom::parser& dom = ThreadDomParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  const std::vector<std::function<void()>> sides = {
      [&] { DomParseAll(dom, nullptr); },
      [&] {
        RequestContext context(W5k().request);
        benchmark::DoNotOptimize(ParseAll(context, parser, enricher, nullptr).size());
      },
      [&] { SearchOnThisThread(parser, enricher, out); }};
  const Pairs pairs = RunPairs(state, sides, ThreadCpuMs);
  pairs.Median(state, "dom_ms", 0);
  pairs.Median(state, "parse_enrich_ms", 1);
  pairs.Median(state, "end_to_end_ms", 2);
  pairs.Ratio(state, "parse_enrich_ratio", 1, 0);
  pairs.Ratio(state, "end_to_end_ratio", 2, 0);
}
// At least 2 s a repetition whatever --benchmark_min_time says: a ratio's median needs pairs.
BENCHMARK(BM_Pairs_Floor)->Unit(benchmark::kMillisecond)->MinTime(2);

// Parse+enrich of the workload with each payload indexed at once, in chunks of the size fareflow
// picks on this machine (suppliers/chunked_index.h, ChunkedIndex::ChunkBytes), and in chunks of
// the argument's KiB, single-threaded, CPU time. `chunked_ratio` is the second over the first;
// `other_ratio` the third over the second: below 1 where the argument's size would be faster.
void BM_Pairs_Chunks(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  auto parse_all = [&](std::size_t chunk_bytes) {
    RequestContext context(W5k().request);
    benchmark::DoNotOptimize(ParseAll(context, parser, enricher, nullptr, chunk_bytes).size());
  };
  const auto other_bytes = static_cast<std::size_t>(state.range(0)) << 10;
  const std::vector<std::function<void()>> sides = {
      [&] { parse_all(0); }, [&] { parse_all(suppliers::ChunkedIndex::ChunkBytes()); },
      [&] { parse_all(other_bytes); }};
  const Pairs pairs = RunPairs(state, sides, ThreadCpuMs);
  pairs.Median(state, "at_once_ms", 0);
  pairs.Median(state, "chunked_ms", 1);
  pairs.Median(state, "other_ms", 2);
  pairs.Ratio(state, "chunked_ratio", 1, 0);
  pairs.Ratio(state, "other_ratio", 2, 1);
  state.counters["chunk_kib"] = static_cast<double>(suppliers::ChunkedIndex::ChunkBytes() >> 10);
}
BENCHMARK(BM_Pairs_Chunks)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2)
    ->ArgName("other_kib")
    ->Arg(128)
    ->Arg(256)
    ->Arg(512)
    ->Arg(1024);

// The search on the calling thread against the same search on the pool of one thread per core,
// wall time; `gain` is the first over the second. And, in the same turns, one whole search on
// each of the pool's workers at once (PoolSearch::RunApart): `ceiling` is as many searches on one
// thread over that, what the machine gives the pool's threads for this work, which `gain` can
// only approach.
void BM_Pairs_Pool(benchmark::State& state) {
  simdjson::ondemand::parser& parser = ThreadParser();
  Enricher enricher(W5k().request, refdata::FxRates::Builtin());
  std::string out;
  SearchOnThisThread(parser, enricher, out);  // its parser sized, as the pool's are
  PoolSearch pool(0);
  pool.RunApart();  // its answers' strings sized
  const std::vector<std::function<void()>> sides = {
      [&] { SearchOnThisThread(parser, enricher, out); }, [&] { pool.Run(); },
      [&] { pool.RunApart(); }};
  const Pairs pairs = RunPairs(state, sides, WallMs);
  pairs.Median(state, "one_thread_ms", 0);
  pairs.Median(state, "pool_ms", 1);
  pairs.Median(state, "apart_ms", 2);
  pairs.Ratio(state, "gain", 0, 1);
  pairs.Ratio(state, "ceiling", 0, 2, pool.threads());
  state.counters["threads"] = pool.threads();
}
BENCHMARK(BM_Pairs_Pool)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2);

}  // namespace
}  // namespace fareflow::bench
