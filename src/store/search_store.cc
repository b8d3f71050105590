#include "store/search_store.h"

#include <utility>
#include <vector>

namespace fareflow {
namespace {

template <typename T>
std::size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t ResultBytes(const SearchResult& r) {
  std::size_t bytes = VectorBytes(r.suppliers) + VectorBytes(r.offers) + VectorBytes(r.selection) +
                      r.page.next_cursor.capacity();
  for (const SupplierOutcome& s : r.suppliers) bytes += s.name.capacity() + s.error.capacity();
  const Facets& f = r.facets;
  bytes += VectorBytes(f.airlines) + VectorBytes(f.alliances) + VectorBytes(f.connecting_airports) +
           VectorBytes(f.price_histogram) + VectorBytes(f.departure_day_parts);
  return bytes;
}

}  // namespace

std::size_t StoredSearchBytes(CompletedSearch& search) {
  std::size_t bytes = sizeof(CompletedSearch) + search.id.capacity() + ResultBytes(search.result);
  if (search.context) bytes += search.context->MemoryBytes();
  return bytes;
}

SearchStore::SearchStore(std::size_t max_bytes, Clock clock)
    : max_bytes_(max_bytes), clock_(std::move(clock)) {}

std::chrono::system_clock::time_point SearchStore::Now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

std::shared_ptr<CompletedSearch> SearchStore::EraseLocked(Lru::iterator it) {
  std::shared_ptr<CompletedSearch> search = std::move(it->search);
  bytes_ -= it->bytes;
  by_id_.erase(search->id);
  lru_.erase(it);
  return search;
}

void SearchStore::SweepLocked(std::chrono::system_clock::time_point now,
                              std::vector<std::shared_ptr<CompletedSearch>>& freed,
                              std::size_t& count) {
  if (now < next_expiry_) return;
  next_expiry_ = std::chrono::system_clock::time_point::max();
  for (auto it = lru_.begin(); it != lru_.end();) {
    auto next = std::next(it);
    if (it->search->expires <= now) {
      freed.push_back(EraseLocked(it));
      ++expirations_;
      ++count;
    } else if (it->search->expires < next_expiry_) {
      next_expiry_ = it->search->expires;
    }
    it = next;
  }
}

std::vector<std::shared_ptr<CompletedSearch>> SearchStore::Put(
    std::shared_ptr<CompletedSearch> search) {
  if (search == nullptr) return {};
  // Measured before the lock: it takes the context's own lock and walks its arenas.
  const std::size_t bytes = StoredSearchBytes(*search);
  // Let go of outside the lock, so that freeing arenas does not hold up Find.
  std::vector<std::shared_ptr<CompletedSearch>> freed;
  {
    std::lock_guard lock(mu_);
    std::size_t expired = 0;
    SweepLocked(Now(), freed, expired);
    if (auto old = by_id_.find(search->id); old != by_id_.end()) {
      freed.push_back(EraseLocked(old->second));
    }
    if (bytes > max_bytes_) {
      ++evictions_;
      freed.push_back(std::move(search));
      return freed;
    }
    while (bytes_ + bytes > max_bytes_ && !lru_.empty()) {
      freed.push_back(EraseLocked(std::prev(lru_.end())));
      ++evictions_;
    }
    if (search->expires < next_expiry_) next_expiry_ = search->expires;
    lru_.push_front(Entry{std::move(search), bytes});
    by_id_.emplace(lru_.front().search->id, lru_.begin());
    bytes_ += bytes;
  }
  return freed;
}

std::shared_ptr<CompletedSearch> SearchStore::Find(std::string_view id) {
  const auto now = Now();
  std::lock_guard lock(mu_);
  auto found = by_id_.find(id);
  if (found == by_id_.end()) return nullptr;
  Lru::iterator it = found->second;
  if (it->search->expires <= now) return nullptr;
  lru_.splice(lru_.begin(), lru_, it);  // iterators stay valid
  return it->search;
}

std::size_t SearchStore::Sweep(std::chrono::system_clock::time_point now) {
  std::vector<std::shared_ptr<CompletedSearch>> freed;
  std::size_t count = 0;
  {
    std::lock_guard lock(mu_);
    SweepLocked(now, freed, count);
  }
  return count;
}

SearchStoreStats SearchStore::stats() const {
  std::lock_guard lock(mu_);
  return {.searches = lru_.size(),
          .bytes = bytes_,
          .evictions = evictions_,
          .expirations = expirations_};
}

}  // namespace fareflow
