#ifndef FAREFLOW_APP_SEARCH_BACKEND_H_
#define FAREFLOW_APP_SEARCH_BACKEND_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "cache/supplier_cache.h"
#include "calendar/calendar.h"
#include "config/service_config.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "fanout/fan_out.h"
#include "net/http_client.h"
#include "server/api/api_runtime.h"

namespace fareflow {

// The search side of the service, built from its configuration: the parse workers, the HTTP
// client every supplier call goes through (one event loop), the supplier fan-out and the search
// and price calendar services on top. Shared by `fareflow serve` and the other front ends. A
// supplier's TLS failures are logged on standard error (LogTlsFailure), once until it answers.
//
// Members are declared in dependency order, so destruction ends the fan-out first, then the
// cache (running its queued writes), then the client's calls in flight, then the workers.
class SearchBackend {
 public:
  explicit SearchBackend(const ServiceConfig& config);
  SearchBackend(const SearchBackend&) = delete;
  SearchBackend& operator=(const SearchBackend&) = delete;

  SearchService& search() { return search_; }
  CalendarService& calendar() { return calendar_; }
  // The cache of supplier answers; null when the configuration turns it off.
  cache::SupplierCache* cache() { return cache_.get(); }

 private:
  WorkerPool parse_pool_;
  net::HttpClient http_;
  // After the client: waits on other instances' calls may start calls through it. Before the
  // fan-out, which uses it.
  std::unique_ptr<cache::SupplierCache> cache_;
  fanout::FanOut fan_out_;
  SearchService search_;
  CalendarService calendar_;  // over the same fan-out as search_
};

// The forward proxies supplier calls go through, and where each value came from.
struct ProxySetting {
  net::ProxyOptions options;
  // "proxy.https", "https_proxy", "HTTPS_PROXY", ...; empty when the value is unset.
  std::string https_from, http_from, no_proxy_from;
};

// Reads an environment variable; nullopt when unset.
using EnvironmentReader = std::function<std::optional<std::string>(const std::string& name)>;

// Each member of the configuration's `proxy` object that is present, even empty; otherwise the
// environment: https_proxy or HTTPS_PROXY, http_proxy or HTTP_PROXY, no_proxy or NO_PROXY, the
// lower-case name first when both are set (as curl), an empty value counting as unset. Not
// checked: see ProxyStartupNote.
ProxySetting ProxySettingFrom(const ServiceConfig& config, const EnvironmentReader& env);

// Checks the proxy setting of `config` and the environment before anything starts, and returns
// the line the startup log shows for it ("" without proxies): each proxy without its
// credentials, and where it came from. kInvalidArgument naming the key or variable when a proxy
// URL is not a usable http:// proxy (never echoing credentials).
Result<std::string> ProxyStartupNote(const ServiceConfig& config);

// The Redis URL of the store and the shared cache: FAREFLOW_REDIS_URL when set, else
// store.redis_url (empty: none).
std::string RedisUrlFrom(const ServiceConfig& config);

// The cache of supplier answers a configuration asks for; null when cache.enabled is false.
std::unique_ptr<cache::SupplierCache> SupplierCacheFrom(const ServiceConfig& config);

// The SearchService options a configuration asks for, with `stage_pool` (the parse workers).
SearchServiceOptions SearchOptionsFrom(const ServiceConfig& config, WorkerPool* stage_pool);
// The CalendarService options: the call cap, and the search deadlines.
CalendarServiceOptions CalendarOptionsFrom(const ServiceConfig& config);

// The store, search log, shared-store, keys and CORS options a configuration asks for.
// FAREFLOW_REDIS_URL, when set, stands for store.redis_url, and FAREFLOW_API_KEYS_FILE for
// auth.api_keys_file (a deployment knows the Redis endpoint and where its keys are mounted, the
// packaged configuration does not).
server::ApiRuntimeOptions RuntimeOptionsFrom(const ServiceConfig& config);

}  // namespace fareflow

#endif  // FAREFLOW_APP_SEARCH_BACKEND_H_
