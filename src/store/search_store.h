#ifndef FAREFLOW_STORE_SEARCH_STORE_H_
#define FAREFLOW_STORE_SEARCH_STORE_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/completed_search.h"

namespace fareflow {

// What a SearchStore holds and has let go of, for metrics.
struct SearchStoreStats {
  std::size_t searches = 0;  // stored now
  std::size_t bytes = 0;     // StoredSearchBytes() of those, as measured on Put
  uint64_t evictions = 0;    // let go to stay under the memory cap (or too large to keep)
  uint64_t expirations = 0;  // let go because CompletedSearch::expires passed
};

// What keeping `search` costs: its context's MemoryBytes() (request, arenas with the offers,
// batches, payloads of both kinds) and the result's own vectors (offer pointers, selection,
// facets, supplier outcomes) and strings. The allocator's overhead per block is not counted; it
// stays small because the large parts are few large blocks (arenas grow geometrically, a payload
// is one block), see docs/configuration.md, `store.max_megabytes`.
std::size_t StoredSearchBytes(CompletedSearch& search);

// Finished searches kept in this process for refining and paging, by id. A search stays until
// its `expires` passes or, when the searches together would take more than `max_bytes`, until it
// is the least recently used (stored or found) and room is needed.
//
// The store shares ownership of each search; a search let go of here is freed when its last
// other owner (a refine still writing its page) lets go. Put and Sweep free what they let go of
// on the calling thread, so call them off the response path (the server's housekeeper). Find
// never frees anything: an expired search is only hidden until the next Put or Sweep.
// Thread-safe.
class SearchStore {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  // `clock` tells the time for expiry (tests inject one); system_clock::now by default.
  explicit SearchStore(std::size_t max_bytes, Clock clock = {});
  SearchStore(const SearchStore&) = delete;
  SearchStore& operator=(const SearchStore&) = delete;

  // Stores `search` under search->id as the most recently used, measuring its memory once
  // (StoredSearchBytes).
  // First lets go of expired searches, then of the least recently used ones until it fits. A
  // search larger than max_bytes on its own is not kept (counted as an eviction). A search with
  // the id of a stored one replaces it. Returns the searches let go of, so that a caller on the
  // response path can have them freed elsewhere; dropping the result frees them here.
  std::vector<std::shared_ptr<CompletedSearch>> Put(std::shared_ptr<CompletedSearch> search);

  // The search with `id` and marks it most recently used; null when unknown or expired.
  std::shared_ptr<CompletedSearch> Find(std::string_view id);

  // Lets go of every search that expired at `now`; returns how many.
  std::size_t Sweep(std::chrono::system_clock::time_point now);

  SearchStoreStats stats() const;
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  struct Entry {
    std::shared_ptr<CompletedSearch> search;
    std::size_t bytes = 0;
  };
  // Most recently used first.
  using Lru = std::list<Entry>;

  std::chrono::system_clock::time_point Now() const;
  // Removes `it` and returns its search, to be freed by the caller outside the lock.
  std::shared_ptr<CompletedSearch> EraseLocked(Lru::iterator it);
  void SweepLocked(std::chrono::system_clock::time_point now,
                   std::vector<std::shared_ptr<CompletedSearch>>& freed, std::size_t& count);

  const std::size_t max_bytes_;
  const Clock clock_;

  mutable std::mutex mu_;
  Lru lru_;
  // Keys view the id of the entry's search, which lives as long as the entry.
  std::unordered_map<std::string_view, Lru::iterator> by_id_;
  std::size_t bytes_ = 0;
  uint64_t evictions_ = 0;
  uint64_t expirations_ = 0;
  // No search expires before this; Put skips the sweep until then.
  std::chrono::system_clock::time_point next_expiry_ = std::chrono::system_clock::time_point::max();
};

}  // namespace fareflow

#endif  // FAREFLOW_STORE_SEARCH_STORE_H_
