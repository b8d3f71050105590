#include "store/remote_search_store.h"

#include <utility>

#include "store/search_snapshot.h"

namespace fareflow {

bool IsSearchId(std::string_view id) {
  constexpr std::string_view kPrefix = "srch_";
  if (id.size() != kPrefix.size() + 2 * kSearchIdBytes || id.substr(0, kPrefix.size()) != kPrefix)
    return false;
  for (const char c : id.substr(kPrefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

RemoteSearchStore::RemoteSearchStore(std::unique_ptr<RedisClient> client,
                                     const refdata::FxRates& fx, std::string key_prefix,
                                     Clock clock)
    : client_(std::move(client)),
      fx_(fx),
      key_prefix_(std::move(key_prefix)),
      clock_(std::move(clock)) {}

std::chrono::system_clock::time_point RemoteSearchStore::Now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

Result<void> RemoteSearchStore::Save(const CompletedSearch& search) {
  const auto ttl = std::chrono::duration_cast<std::chrono::milliseconds>(search.expires - Now());
  if (ttl.count() <= 0) return {};
  const std::string snapshot = EncodeSearchSnapshot(search);
  Result<void> written = client_->Set(key_prefix_ + search.id, snapshot, ttl);
  if (!written) {
    save_errors_.fetch_add(1, std::memory_order_relaxed);
    return written;
  }
  saves_.fetch_add(1, std::memory_order_relaxed);
  saved_bytes_.fetch_add(snapshot.size(), std::memory_order_relaxed);
  return {};
}

Result<std::shared_ptr<CompletedSearch>> RemoteSearchStore::Load(std::string_view id) {
  if (!IsSearchId(id)) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return std::shared_ptr<CompletedSearch>();
  }
  auto bytes = client_->Get(key_prefix_ + std::string(id));
  if (!bytes) {
    load_errors_.fetch_add(1, std::memory_order_relaxed);
    return tl::unexpected(bytes.error());
  }
  if (!bytes->has_value()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return std::shared_ptr<CompletedSearch>();
  }
  auto search = DecodeSearchSnapshot(**bytes, fx_);
  if (!search) {
    load_errors_.fetch_add(1, std::memory_order_relaxed);
    return tl::unexpected(search.error());
  }
  // Redis expires the key, but a clock a little behind another instance's could still serve it.
  if ((*search)->id != id || (*search)->expires <= Now()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return std::shared_ptr<CompletedSearch>();
  }
  loads_.fetch_add(1, std::memory_order_relaxed);
  return std::move(*search);
}

RemoteSearchStoreStats RemoteSearchStore::stats() const {
  return {.saves = saves_.load(std::memory_order_relaxed),
          .save_errors = save_errors_.load(std::memory_order_relaxed),
          .saved_bytes = saved_bytes_.load(std::memory_order_relaxed),
          .loads = loads_.load(std::memory_order_relaxed),
          .misses = misses_.load(std::memory_order_relaxed),
          .load_errors = load_errors_.load(std::memory_order_relaxed)};
}

}  // namespace fareflow
