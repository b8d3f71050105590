#ifndef FAREFLOW_FANOUT_FAN_OUT_H_
#define FAREFLOW_FANOUT_FAN_OUT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cache/supplier_cache.h"
#include "config/service_config.h"
#include "core/steady_clock_source.h"
#include "engine/supplier_source.h"
#include "engine/worker_pool.h"
#include "fanout/tls_failure_log.h"
#include "net/http_client.h"
#include "refdata/fx_rates.h"

namespace fareflow::fanout {

struct SupplierEndpoint;
class SearchState;

// What a FanOut reads from its surroundings; the defaults are the process's own.
struct FanOutOptions {
  // The value of an environment variable, nullopt when unset (the app passes the process's own).
  // Empty: no variable is set. Called only in the constructor.
  std::function<std::optional<std::string>(const std::string& name)> env;
  // The clock of circuit breakers, call budgets and token expiry. Default: steady_clock.
  SteadyClockSource clock;
  // The cache of supplier answers; null: every call goes to its supplier, and CacheMode::kOnly
  // answers not_cached. Must outlive the FanOut.
  cache::SupplierCache* cache = nullptr;
  // Rates for the enrichment of background refreshes (an answer is parsed to be summarized
  // before it is stored); FxRates::Builtin() when null.
  const refdata::FxRates* fx = nullptr;
  unsigned refresh_threads = 2;  // background refreshes running at once
  // Receives each supplier's TLS failures worth a log line (fanout/tls_failure_log.h): the first,
  // and the next only after the supplier answered ok or failed for another reason. Null: none.
  TlsFailureSink tls_failures;
};

// The live suppliers of `fareflow serve`: every enabled supplier of the configuration asked at
// once for each search (docs/configuration.md says how each is called).
//
// HTTP suppliers go through `http` (one io thread for all of them); the built-in supplier runs on
// `parse_pool`. Each payload is parsed on `parse_pool` the moment it arrives, while slower
// suppliers are still in flight. Fetch returns when every supplier is done or at its deadline
// (the search's, or the supplier's `timeout` if earlier), reporting late ones as timeout; it may
// overrun the deadline only by the parsing of payloads that arrived in time. Answers arriving
// after Fetch returned are dropped: no callback reaches the RequestContext then.
//
// With a cache (fanout/cache_plan.cc says how each mode uses it): a fresh cached answer stands in
// for the call and goes through the same parser; a stale one is served while one background
// refresh runs; identical calls in flight at once are made once (in this process through the
// cache's SingleFlight, across instances through its Redis claim); each supplier's call budget
// is shared by searches and refreshes, and a call past it is answered from the cache or
// rate_limited. Each outcome says whether it came live or from the cache, with its age.
//
// Outcomes are in configuration order, disabled suppliers left out; a supplier's offers carry its
// position in that list as their supplier index. Missing credentials (read from the environment
// at construction) make a supplier auth_error without calling it; an open circuit breaker makes
// it skipped.
//
// `parse_pool` and `http` must outlive the FanOut, and `http` must outlive every call in flight
// (destroy the FanOut first, then the client: its destructor ends the calls). Thread-safe: any
// number of searches may Fetch at once.
class FanOut final : public SupplierSource {
 public:
  FanOut(std::vector<SupplierConfig> suppliers, WorkerPool& parse_pool, net::HttpClient& http,
         FanOutOptions options = {});
  FanOut(const FanOut&) = delete;
  FanOut& operator=(const FanOut&) = delete;
  ~FanOut() override;

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override;
  std::unique_ptr<PendingFetch> Begin(RequestContext& context, const Enricher& enricher,
                                      std::chrono::steady_clock::time_point deadline,
                                      FetchOptions options) override;

 private:
  // Starts (or answers) call `i` of `search` for `request` (fanout/cache_plan.cc). Returns the
  // breaker admission when the supplier was called by this search.
  CircuitBreaker::Admission StartCall(std::size_t i, const std::shared_ptr<SearchState>& search,
                                      const SearchRequest& request, FetchOptions options);
  // Calls the supplier for call `i` of `search`, as the leader of its flight.
  void CallSupplier(std::size_t i, const std::shared_ptr<SearchState>& search,
                    const SearchRequest& request);
  // Queues a background refresh of supplier `i`'s answer to `request` (CacheMode::kRefresh on a
  // refresh thread), unless one is in flight or the queue is full.
  void RefreshLater(std::size_t i, const cache::CacheKey& key, const SearchRequest& request);
  void Refresh(std::size_t i, const cache::CacheKey& key, SearchRequest request);

  std::vector<std::shared_ptr<SupplierEndpoint>> endpoints_;  // enabled, in order
  WorkerPool& parse_pool_;
  net::HttpClient& http_;
  cache::SupplierCache* const cache_;
  const refdata::FxRates& fx_;
  // Last: closed and joined first, so a refresh never outlives what it uses.
  WorkerPool refresh_pool_;
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_FAN_OUT_H_
