#ifndef FAREFLOW_CACHE_SUPPLIER_CACHE_H_
#define FAREFLOW_CACHE_SUPPLIER_CACHE_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cache/cache_entry.h"
#include "cache/cache_key.h"
#include "cache/freshness.h"
#include "cache/local_tier.h"
#include "cache/single_flight.h"
#include "core/circuit_breaker.h"
#include "engine/worker_pool.h"
#include "pipeline/fare_summary.h"
#include "store/redis_client.h"

namespace fareflow::cache {

// How the cache is sized and shared (docs/configuration.md, `cache`).
struct SupplierCacheOptions {
  std::size_t max_bytes = std::size_t{256} << 20;  // in-process tier, compressed entries
  // Answers larger than this (decompressed) are not cached.
  std::size_t max_payload_bytes = std::size_t{64} << 20;
  // The most payload bytes waiting to be compressed and stored at once; an answer past it is not
  // cached (counted as dropped), so a burst of large answers cannot queue memory without bound.
  std::size_t max_pending_bytes = std::size_t{256} << 20;
  FreshnessPolicy freshness;
  std::string redis_key_prefix = "fareflow:cache:";
  // Cross-instance single flight: how long an instance's claim on a call holds (it is released
  // as soon as the answer is stored), and how often another instance looks for the answer.
  std::chrono::milliseconds claim_ttl{10'000};
  std::chrono::milliseconds claim_poll{50};
  // Threads that compress, write to Redis and wait on other instances' calls; calls waiting
  // beyond queue_limit are dropped (a write) or answered at once (a wait: null).
  unsigned threads = 2;
  std::size_t queue_limit = 256;
  // Redis calls through one breaker, as the shared search store's.
  int breaker_failures = 3;
  std::chrono::milliseconds breaker_cooldown{5'000};
  // Unix seconds now; the system clock when empty. Tests move it to age entries.
  std::function<int64_t()> clock;
  SteadyClockSource steady;  // the breaker's cooldown; steady_clock when empty
};

// What the cache has done, for metrics (fareflow_cache_*). The fan-out counts the decisions it
// makes through Note(); the cache counts its own tiers.
enum class CacheEvent {
  kHit,            // a fresh entry stood in for a call
  kMiss,           // no usable entry: the supplier was called (or, cache only, not)
  kStaleServe,     // a stale entry was served
  kRefresh,        // a background refresh was started
  kJoin,           // a call joined another identical one in flight (this process or another)
  kBudgetRefusal,  // the supplier's call budget refused a call
};

struct SupplierCacheStats {
  uint64_t hits = 0, misses = 0, stale_serves = 0, refreshes = 0, joins = 0, budget_refusals = 0;
  uint64_t stores = 0;          // entries written (in-process tier)
  uint64_t stores_dropped = 0;  // not written: queue full, or the payload too large
  uint64_t redis_hits = 0;      // lookups the Redis tier answered (the in-process one missed)
  uint64_t redis_errors = 0;    // Redis failed or was skipped (breaker open)
  uint64_t evictions = 0;       // in-process tier
  std::size_t bytes_held = 0;   // in-process tier
  std::size_t entries = 0;      // in-process tier
  uint64_t breaker_opens = 0;   // times the Redis breaker opened
};

// The cache of supplier answers every search goes through (the fan-out decides when; this class
// holds and finds). Two tiers: in process (LocalTier), and Redis shared by every instance when a
// client is given. A Redis that is down or slow costs each lookup at most the client's timeout
// until the breaker opens, then nothing: the cache degrades to the in-process tier.
//
// Thread-safe. Destroying it runs the writes still queued (they fail fast once the breaker is
// open) and joins its threads; callbacks given to AwaitOtherInstance are called before that.
class SupplierCache {
 public:
  // `redis` null: in process only.
  SupplierCache(SupplierCacheOptions options, std::unique_ptr<RedisClient> redis);
  SupplierCache(const SupplierCache&) = delete;
  SupplierCache& operator=(const SupplierCache&) = delete;
  ~SupplierCache();

  // The entry for `key`: the in-process tier's, else Redis's (put in the in-process tier); null
  // when neither holds one within keep_until. Blocks on Redis for up to its timeout, or until
  // `deadline` (the search's) when that is sooner: a Redis that does not answer in time is a miss.
  EntryPtr Lookup(const CacheKey& key,
                  std::chrono::steady_clock::time_point deadline = RedisClient::kNoDeadline);
  // The in-process tier only: never blocks (a price calendar's cells).
  EntryPtr LookupLocal(const CacheKey& key);

  // Stores `payload` (as received; `summary` of what it yielded) under `key` in both tiers, with
  // its freshness from the policy, then releases this instance's claim on the call. The
  // compression and the Redis write run on the cache's threads; dropped and counted when the
  // queue is full or the payload larger than max_payload_bytes. Shared: a search hands over the
  // bytes its context parsed, which must not change (simdjson only reads them), rather than a
  // copy made before parsing.
  void StoreLater(CacheKey key, std::shared_ptr<const std::string> payload,
                  const FareSummary& summary);
  // A summary alone, for a supplier that runs in process: the in-process tier, at once.
  void StoreSummary(const CacheKey& key, const FareSummary& summary);

  // Cross-instance single flight, through a short Redis lock (SET NX PX claim_ttl). True when
  // this instance may call (it won the claim, or there is no Redis, or Redis failed); false when
  // another instance is calling for `key` now. Blocks on Redis for up to its timeout, or until
  // `deadline` when that is sooner.
  bool ClaimCall(const CacheKey& key,
                 std::chrono::steady_clock::time_point deadline = RedisClient::kNoDeadline);
  // Gives up this instance's claim without storing (the call failed), on a cache thread.
  void ReleaseCallLater(const CacheKey& key);
  // Waits, on a cache thread, for another instance's call of `key`: calls `done` with the entry
  // it stores, or with null when its claim lapses or `until` passes without one (the caller then
  // calls itself). Called at once with null when the queue is full.
  void AwaitOtherInstance(CacheKey key, std::chrono::steady_clock::time_point until,
                          std::function<void(EntryPtr)> done);

  SingleFlight& flights() { return flights_; }
  const FreshnessPolicy& freshness() const { return options_.freshness; }
  std::size_t max_payload_bytes() const { return options_.max_payload_bytes; }
  bool shared() const { return redis_ != nullptr; }
  // Unix seconds, from the options' clock.
  int64_t Now() const;

  void Note(CacheEvent event);
  SupplierCacheStats stats() const;

 private:
  struct Counters;
  std::string EntryKey(const CacheKey& key) const;  // prefix + digest
  std::string ClaimKey(const CacheKey& key) const;  // prefix + "claim:" + digest
  // The Redis tier's entry for `key`, put in the in-process tier; null when none is usable.
  EntryPtr LookupRedis(const CacheKey& key, std::chrono::steady_clock::time_point deadline);
  // An entry for `key` stored now, its freshness from the policy; no payload yet.
  CacheEntry NewEntry(const CacheKey& key, const FareSummary& summary) const;
  void WriteRedis(const CacheKey& key, const CacheEntry& entry);
  // Deletes this instance's claim on `key`, whose token is `token` (on the calling thread).
  void ReleaseClaim(const CacheKey& key, const std::string& token);
  // The token of this instance's claim on `digest`, forgotten; nullopt when it holds none.
  std::optional<std::string> TakeClaimToken(const std::string& digest);
  // AwaitOtherInstance's wait, on a cache thread.
  EntryPtr PollOtherInstance(const CacheKey& key, std::chrono::steady_clock::time_point until);

  const SupplierCacheOptions options_;
  LocalTier local_;
  SingleFlight flights_;
  std::unique_ptr<RedisClient> redis_;
  CircuitBreaker breaker_;
  std::unique_ptr<Counters> counters_;
  WorkerPool pool_;  // last: its threads stop (running what is queued) before the rest goes
};

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_SUPPLIER_CACHE_H_
