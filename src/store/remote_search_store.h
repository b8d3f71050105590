#ifndef FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_
#define FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "engine/completed_search.h"
#include "refdata/fx_rates.h"
#include "store/redis_client.h"

namespace fareflow {

// What the shared store did, for metrics.
struct RemoteSearchStoreStats {
  uint64_t saves = 0;
  uint64_t save_errors = 0;
  uint64_t saved_bytes = 0;  // compressed snapshots written
  uint64_t loads = 0;        // searches rebuilt from a snapshot
  uint64_t misses = 0;       // asked for and not there (expired, evicted, never stored)
  uint64_t load_errors = 0;  // Redis failed, or the snapshot would not decode
};

// Stored searches shared between fareflow instances through Redis, so that a refine or page call
// can reach any instance, not only the one that ran the search. A search is written as a
// snapshot (store/search_snapshot.h: the request and the suppliers' payload bytes, compressed)
// under `key_prefix` + id, expiring in Redis when the search does; another instance rebuilds it
// from the snapshot through the same parse and pipeline code, so its answers are the same.
//
// Both calls block on Redis for up to the client's timeout and, for Load, on the rebuild (a few
// tens of milliseconds for 5,000 offers): call them off the io threads (Save on the housekeeper,
// Load on the search pool). Thread-safe.
class RemoteSearchStore {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  RemoteSearchStore(std::unique_ptr<RedisClient> client, const refdata::FxRates& fx,
                    std::string key_prefix = "fareflow:search:", Clock clock = {});

  // Writes `search` to expire when it does; does nothing for a search already expired.
  Result<void> Save(const CompletedSearch& search);

  // The search with `id` rebuilt from its snapshot; null when Redis has none (or `id` is not a
  // search id). Errors: Redis unreachable or too slow, or a snapshot that does not decode.
  Result<std::shared_ptr<CompletedSearch>> Load(std::string_view id);

  RemoteSearchStoreStats stats() const;
  RedisClient& client() { return *client_; }

 private:
  std::chrono::system_clock::time_point Now() const;

  std::unique_ptr<RedisClient> client_;
  const refdata::FxRates& fx_;
  const std::string key_prefix_;
  const Clock clock_;
  std::atomic<uint64_t> saves_{0};
  std::atomic<uint64_t> save_errors_{0};
  std::atomic<uint64_t> saved_bytes_{0};
  std::atomic<uint64_t> loads_{0};
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> load_errors_{0};
};

// True for ids NewSearchId makes: "srch_" and 32 lowercase hex digits. Anything else is never
// looked up, so a URL cannot name arbitrary Redis keys.
bool IsSearchId(std::string_view id);

}  // namespace fareflow

#endif  // FAREFLOW_STORE_REMOTE_SEARCH_STORE_H_
