#include "store/remote_search_store.h"

#include <exception>
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
                                     const refdata::FxRates& fx, RemoteSearchStoreOptions options)
    : client_(std::move(client)),
      fx_(fx),
      options_(std::move(options)),
      breaker_(options_.breaker_failures, options_.breaker_cooldown, options_.steady),
      pool_(options_.threads == 0 ? 1 : options_.threads) {}

RemoteSearchStore::~RemoteSearchStore() = default;

std::chrono::system_clock::time_point RemoteSearchStore::Now() const {
  return options_.clock ? options_.clock() : std::chrono::system_clock::now();
}

void RemoteSearchStore::SaveLater(std::shared_ptr<const CompletedSearch> search) {
  if (search == nullptr) return;
  const bool queued = pool_.TrySubmit(
      [this, search = std::move(search)](simdjson::ondemand::parser&) {
        try {
          (void)Save(*search);
        } catch (const std::exception&) {  // e.g. no memory for the snapshot: this write is lost
          save_errors_.fetch_add(1, std::memory_order_relaxed);
        }
      },
      options_.queue_limit);
  if (!queued) writes_dropped_.fetch_add(1, std::memory_order_relaxed);
}

void RemoteSearchStore::LoadThen(std::string id, Loaded loaded) {
  if (!IsSearchId(id)) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return loaded(std::shared_ptr<CompletedSearch>());
  }
  // `loaded` is needed again when the queue refuses the task, so the task holds a shared copy.
  auto callback = std::make_shared<Loaded>(std::move(loaded));
  const bool queued = pool_.TrySubmit(
      [this, id = std::move(id), callback](simdjson::ondemand::parser&) {
        Result<std::shared_ptr<CompletedSearch>> search;
        try {
          search = Load(id);
        } catch (const std::exception& e) {  // e.g. no memory for the rebuild
          load_errors_.fetch_add(1, std::memory_order_relaxed);
          search =
              MakeError(ErrorCode::kInternal, std::string("rebuilding the search: ") + e.what());
        }
        (*callback)(std::move(search));
      },
      options_.queue_limit);
  if (!queued) {
    reads_refused_.fetch_add(1, std::memory_order_relaxed);
    (*callback)(std::shared_ptr<CompletedSearch>());
  }
}

Result<void> RemoteSearchStore::Save(const CompletedSearch& search) {
  const auto ttl = std::chrono::duration_cast<std::chrono::milliseconds>(search.expires - Now());
  if (ttl.count() <= 0) return {};
  const std::string snapshot = EncodeSearchSnapshot(search);
  Result<void> written = GuardedRedisCall(
      breaker_, [&] { return client_->Set(options_.key_prefix + search.id, snapshot, ttl); });
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
  auto bytes = GuardedRedisCall(
      breaker_, [&] { return client_->Get(options_.key_prefix + std::string(id)); });
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
          .load_errors = load_errors_.load(std::memory_order_relaxed),
          .breaker_opens = breaker_.opens(),
          .reads_refused = reads_refused_.load(std::memory_order_relaxed),
          .writes_dropped = writes_dropped_.load(std::memory_order_relaxed)};
}

}  // namespace fareflow
