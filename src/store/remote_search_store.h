#ifndef FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_
#define FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/circuit_breaker.h"
#include "core/result.h"
#include "core/steady_clock_source.h"
#include "engine/completed_search.h"
#include "engine/worker_pool.h"
#include "refdata/fx_rates.h"
#include "store/redis_client.h"

namespace fareflow {

// What the shared store did, for metrics.
struct RemoteSearchStoreStats {
  uint64_t saves = 0;
  uint64_t save_errors = 0;     // Redis failed, or was skipped while the breaker was open
  uint64_t saved_bytes = 0;     // compressed snapshots written
  uint64_t loads = 0;           // searches rebuilt from a snapshot
  uint64_t misses = 0;          // asked for and not there (expired, evicted, never stored)
  uint64_t load_errors = 0;     // Redis failed or was skipped, or the snapshot would not decode
  uint64_t breaker_opens = 0;   // times the breaker opened
  uint64_t reads_refused = 0;   // LoadThen calls answered as misses: the Redis queue was full
  uint64_t writes_dropped = 0;  // SaveLater calls dropped: the Redis queue was full
};

// How the shared store talks to Redis (docs/configuration.md, `store`).
struct RemoteSearchStoreOptions {
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  std::string key_prefix = "fareflow:search:";
  // Threads that wait on Redis (and rebuild what it returns), apart from the search threads, so
  // that a slow or frozen Redis holds these threads only.
  unsigned threads = 2;
  // Calls that may wait for a Redis thread; more are refused at once: a read answers as a miss,
  // a write is dropped (both counted), so a frozen Redis cannot queue work without bound.
  std::size_t queue_limit = 64;
  // After this many failed or timed-out Redis calls in a row, calls skip Redis (failing at once)
  // for `breaker_cooldown`; then one call probes it, and a success closes the breaker.
  int breaker_failures = 3;
  std::chrono::milliseconds breaker_cooldown{5'000};
  Clock clock;               // search expiry; system_clock::now when empty
  SteadyClockSource steady;  // the breaker's cooldown; steady_clock when empty
};

// Stored searches shared between fareflow instances through Redis, so that a refine or page call
// can reach any instance, not only the one that ran the search. A search is written as a
// snapshot (store/search_snapshot.h: the request and the suppliers' payload bytes, compressed)
// under `key_prefix` + id, expiring in Redis when the search does; another instance rebuilds it
// from the snapshot through the same parse and pipeline code, so its answers are the same.
//
// Every Redis call goes through one circuit breaker, so a Redis that is down or frozen costs at
// most `breaker_failures` timeouts per cooldown, and calls between fail at once. SaveLater and
// LoadThen run on the store's own small pool of Redis threads, so the threads that call them
// (the housekeeper, io threads) never wait on Redis; Save and Load are the blocking calls those
// threads run. Thread-safe. Destroying the store runs the calls still queued (they fail fast
// once the breaker is open) and joins its threads.
class RemoteSearchStore {
 public:
  using Clock = RemoteSearchStoreOptions::Clock;
  // Receives a LoadThen result: the search, null when Redis has none, or an error.
  using Loaded = std::function<void(Result<std::shared_ptr<CompletedSearch>>)>;

  RemoteSearchStore(std::unique_ptr<RedisClient> client, const refdata::FxRates& fx,
                    RemoteSearchStoreOptions options = {});
  RemoteSearchStore(const RemoteSearchStore&) = delete;
  RemoteSearchStore& operator=(const RemoteSearchStore&) = delete;
  ~RemoteSearchStore();

  // Save(*search) on a Redis thread; dropped and counted when the queue is full.
  void SaveLater(std::shared_ptr<const CompletedSearch> search);

  // Calls `loaded` with Load(id), on a Redis thread. When the queue is full, or `id` is not a
  // search id, `loaded` is called at once on the calling thread with null (a miss). `loaded`
  // must not throw.
  void LoadThen(std::string id, Loaded loaded);

  // Writes `search` to expire when it does; does nothing for a search already expired. Blocks on
  // Redis for up to the client's timeout.
  Result<void> Save(const CompletedSearch& search);

  // The search with `id` rebuilt from its snapshot; null when Redis has none (or `id` is not a
  // search id). Errors: Redis unreachable or too slow, the breaker open, or a snapshot that does
  // not decode. Blocks on Redis and on the rebuild (tens of milliseconds for 5,000 offers).
  Result<std::shared_ptr<CompletedSearch>> Load(std::string_view id);

  RemoteSearchStoreStats stats() const;
  CircuitBreaker::State breaker_state() const { return breaker_.state(); }
  RedisClient& client() { return *client_; }

 private:
  std::chrono::system_clock::time_point Now() const;

  std::unique_ptr<RedisClient> client_;
  const refdata::FxRates& fx_;
  const RemoteSearchStoreOptions options_;
  CircuitBreaker breaker_;
  std::atomic<uint64_t> saves_{0};
  std::atomic<uint64_t> save_errors_{0};
  std::atomic<uint64_t> saved_bytes_{0};
  std::atomic<uint64_t> loads_{0};
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> load_errors_{0};
  std::atomic<uint64_t> reads_refused_{0};
  std::atomic<uint64_t> writes_dropped_{0};
  WorkerPool pool_;  // last: its threads stop (running what is queued) before the rest goes
};

// True for ids NewSearchId makes: "srch_" and 32 lowercase hex digits. Anything else is never
// looked up, so a URL cannot name arbitrary Redis keys.
bool IsSearchId(std::string_view id);

}  // namespace fareflow

#endif  // FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_
