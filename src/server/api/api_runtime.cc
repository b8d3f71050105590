#include "server/api/api_runtime.h"

#include <cstdio>
#include <utility>
#include <vector>

#include "server/access/api_key_file.h"

namespace fareflow::server {

Result<std::unique_ptr<ApiRuntime>> ApiRuntime::Create(const ApiRuntimeOptions& options) {
  std::unique_ptr<SearchLog> search_log;
  if (!options.search_log_path.empty()) {
    Result<std::unique_ptr<SearchLog>> opened = SearchLog::Open(options.search_log_path);
    if (!opened) return tl::unexpected(opened.error());
    search_log = std::move(*opened);
  }
  std::unique_ptr<RemoteSearchStore> shared;
  if (!options.redis_url.empty()) {
    Result<RedisEndpoint> endpoint = ParseRedisUrl(options.redis_url);
    if (!endpoint) return tl::unexpected(endpoint.error());
    if (options.fx == nullptr) {
      return MakeError(ErrorCode::kInternal, "a shared store needs exchange rates");
    }
    auto client = std::make_unique<RedisClient>(*endpoint, options.redis_timeout);
    if (Result<void> ping = client->Ping(); !ping) {
      std::fprintf(stderr, "fareflow: shared store not reachable yet: %s\n",
                   ping.error().message.c_str());
    }
    shared = std::make_unique<RemoteSearchStore>(
        std::move(client), *options.fx,
        RemoteSearchStoreOptions{.key_prefix = options.redis_key_prefix,
                                 .threads = options.redis_threads,
                                 .queue_limit = options.redis_queue_limit,
                                 .breaker_failures = options.redis_breaker_failures,
                                 .breaker_cooldown = options.redis_breaker_cooldown,
                                 .clock = options.clock});
  }
  AccessOptions access = options.access;
  if (!options.api_keys_file.empty()) {
    Result<std::vector<ApiKey>> keys = LoadApiKeys(options.api_keys_file);
    if (!keys) return tl::unexpected(keys.error());
    access.keys.insert(access.keys.end(), keys->begin(), keys->end());
  }
  return std::unique_ptr<ApiRuntime>(
      new ApiRuntime(options, std::move(search_log), std::move(shared),
                     std::make_unique<AccessControl>(std::move(access))));
}

ApiRuntime::ApiRuntime(const ApiRuntimeOptions& options, std::unique_ptr<SearchLog> search_log,
                       std::unique_ptr<RemoteSearchStore> shared_store,
                       std::unique_ptr<AccessControl> access)
    : access_(std::move(access)),
      search_log_(std::move(search_log)),
      store_(options.store_max_bytes, options.clock),
      shared_store_(std::move(shared_store)),
      // Each batch of post-response work ends with one write of the lines it appended.
      housekeeper_([log = search_log_.get()] {
        if (log != nullptr) log->Flush();
      }) {
  metrics_.WatchStore(&store_);
  metrics_.WatchSearchLog(search_log_.get());
  metrics_.WatchSharedStore(shared_store_.get());
}

ApiRuntime::~ApiRuntime() {
  // The shared store's Redis threads answer refines, whose answers post to the housekeeper: they
  // stop (running what is queued) while the housekeeper still takes work.
  shared_store_.reset();
  housekeeper_.Drain();
}

void ApiRuntime::Wire(ApiServices& services) {
  services.store = &store_;
  services.shared_store = shared_store_.get();
  services.housekeeper = &housekeeper_;
  services.search_log = search_log_.get();
  services.metrics = &metrics_;
  services.access = access_.get();
}

}  // namespace fareflow::server
