#include "cache/local_tier.h"

#include <utility>

namespace fareflow::cache {

LocalTier::LocalTier(std::size_t max_bytes) : max_bytes_(max_bytes) {}

EntryPtr LocalTier::Get(const std::string& digest, std::string_view key_text, int64_t now) {
  std::lock_guard lock(mu_);
  const auto found = index_.find(digest);
  if (found == index_.end()) return nullptr;
  const auto it = found->second;
  if (now >= it->entry->keep_until) {
    EraseLocked(it);
    return nullptr;
  }
  // Another key with the same digest: a miss, and the entry stays for its own key.
  if (it->entry->key_text != key_text) return nullptr;
  lru_.splice(lru_.begin(), lru_, it);
  return it->entry;
}

void LocalTier::Put(const std::string& digest, EntryPtr entry) {
  if (entry == nullptr) return;
  const std::size_t bytes = entry->Bytes();
  std::lock_guard lock(mu_);
  if (const auto found = index_.find(digest); found != index_.end()) EraseLocked(found->second);
  if (bytes > max_bytes_) return;
  while (bytes_ + bytes > max_bytes_ && !lru_.empty()) {
    EraseLocked(std::prev(lru_.end()));
    ++evictions_;
  }
  lru_.push_front(Slot{digest, std::move(entry), bytes});
  index_.emplace(digest, lru_.begin());
  bytes_ += bytes;
}

void LocalTier::EraseLocked(std::list<Slot>::iterator it) {
  bytes_ -= it->bytes;
  index_.erase(it->digest);
  lru_.erase(it);
}

std::size_t LocalTier::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

std::size_t LocalTier::entries() const {
  std::lock_guard lock(mu_);
  return lru_.size();
}

uint64_t LocalTier::evictions() const {
  std::lock_guard lock(mu_);
  return evictions_;
}

}  // namespace fareflow::cache
