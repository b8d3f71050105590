#ifndef FAREFLOW_SERVER_API_API_RUNTIME_H_
#define FAREFLOW_SERVER_API_API_RUNTIME_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "refdata/fx_rates.h"
#include "server/access/access_control.h"
#include "server/observability/metrics.h"
#include "server/observability/search_log.h"
#include "server/post_response/housekeeper.h"
#include "server/services/api_services.h"
#include "store/remote_search_store.h"
#include "store/search_store.h"

namespace fareflow::server {

struct ApiRuntimeOptions {
  std::size_t store_max_bytes = std::size_t{512} << 20;
  std::string search_log_path;  // empty = no search log
  SearchStore::Clock clock;     // for expiry; system_clock::now when empty
  // The shared store (docs/configuration.md, `store`): empty URL = none. `fx` rebuilds searches
  // of other instances and must outlive the runtime; required with a URL.
  std::string redis_url;
  std::chrono::milliseconds redis_timeout{1'000};
  std::string redis_key_prefix = "fareflow:search:";
  unsigned redis_threads = 2;
  std::size_t redis_queue_limit = 64;
  int redis_breaker_failures = 3;
  std::chrono::milliseconds redis_breaker_cooldown{5'000};
  const refdata::FxRates* fx = nullptr;
  // Client keys, rate limits and CORS (docs/configuration.md, `auth` and `cors`). The keys of
  // `api_keys_file` (when not empty) are read at start and added to access.keys.
  AccessOptions access;
  std::string api_keys_file;
};

// What the HTTP API keeps beside the search service: the store of finished searches, the
// metrics, the optional search log and the housekeeper that feeds them after each answer.
// Owns them and destroys them in a safe order: the shared store's Redis threads first (their
// answers post to the housekeeper), then the housekeeper is drained and joined, then the store,
// the log (flushed) and the metrics it wrote to. Stop the server before destroying this.
class ApiRuntime {
 public:
  // Fails (kIo) when the search log cannot be opened, kInvalidArgument for a bad Redis URL or
  // keys file (the message names the file and the field), kNotFound for a missing keys file. A
  // Redis server that does not answer at start is not a failure: it is reported on standard
  // error, and searches are written to it once it answers.
  static Result<std::unique_ptr<ApiRuntime>> Create(const ApiRuntimeOptions& options);
  ApiRuntime(const ApiRuntime&) = delete;
  ApiRuntime& operator=(const ApiRuntime&) = delete;
  ~ApiRuntime();

  // Points services' store, housekeeper, search_log, metrics and access at this runtime's.
  void Wire(ApiServices& services);

  SearchStore& store() { return store_; }
  Housekeeper& housekeeper() { return housekeeper_; }
  Metrics& metrics() { return metrics_; }
  AccessControl& access() { return *access_; }
  SearchLog* search_log() { return search_log_.get(); }

 private:
  ApiRuntime(const ApiRuntimeOptions& options, std::unique_ptr<SearchLog> search_log,
             std::unique_ptr<RemoteSearchStore> shared_store,
             std::unique_ptr<AccessControl> access);

  Metrics metrics_;
  std::unique_ptr<AccessControl> access_;
  std::unique_ptr<SearchLog> search_log_;
  SearchStore store_;
  std::unique_ptr<RemoteSearchStore> shared_store_;
  Housekeeper housekeeper_;  // last: stops before what its tasks use
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_API_API_RUNTIME_H_
