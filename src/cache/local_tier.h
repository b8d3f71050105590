#ifndef FAREFLOW_CACHE_LOCAL_TIER_H_
#define FAREFLOW_CACHE_LOCAL_TIER_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cache/cache_entry.h"

namespace fareflow::cache {

// The in-process tier: entries by key digest, at most `max_bytes` (CacheEntry::Bytes) held, least
// recently used evicted first. An entry larger than the whole budget is not kept. Thread-safe (one
// mutex: each call is a hash lookup and a list splice).
class LocalTier {
 public:
  explicit LocalTier(std::size_t max_bytes);
  LocalTier(const LocalTier&) = delete;
  LocalTier& operator=(const LocalTier&) = delete;

  // The entry under `digest` whose key_text is `key_text`, made most recently used; null when
  // there is none or it is past keep_until at `now` (then it is dropped).
  EntryPtr Get(const std::string& digest, std::string_view key_text, int64_t now);
  // Stores `entry` under `digest`, replacing what was there, evicting from the least recently
  // used end until the budget holds.
  void Put(const std::string& digest, EntryPtr entry);

  std::size_t bytes() const;
  std::size_t entries() const;
  uint64_t evictions() const;

 private:
  struct Slot {
    std::string digest;
    EntryPtr entry;
    std::size_t bytes = 0;
  };
  void EraseLocked(std::list<Slot>::iterator it);

  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Slot> lru_;  // front = most recently used
  std::unordered_map<std::string, std::list<Slot>::iterator> index_;
  std::size_t bytes_ = 0;
  uint64_t evictions_ = 0;
};

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_LOCAL_TIER_H_
