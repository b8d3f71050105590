#include "app/search_backend.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include "app/environment.h"
#include "app/trust_anchors.h"
#include "net/proxy.h"
#include "refdata/fx_rates.h"
#include "store/redis_url.h"

namespace fareflow {

namespace {

// `config_value` when present, else the first of `names` set to a non-empty value.
void ChooseProxyValue(const std::optional<std::string>& config_value, const char* config_key,
                      std::initializer_list<const char*> names, const EnvironmentReader& env,
                      std::string& value, std::string& from) {
  if (config_value) {
    value = *config_value;
    from = config_key;
    return;
  }
  for (const char* name : names) {
    if (std::optional<std::string> set = env(name); set && !set->empty()) {
      value = *std::move(set);
      from = name;
      return;
    }
  }
}

}  // namespace

ProxySetting ProxySettingFrom(const ServiceConfig& config, const EnvironmentReader& env) {
  ProxySetting s;
  ChooseProxyValue(config.proxy.https, "proxy.https", {"https_proxy", "HTTPS_PROXY"}, env,
                   s.options.https, s.https_from);
  ChooseProxyValue(config.proxy.http, "proxy.http", {"http_proxy", "HTTP_PROXY"}, env,
                   s.options.http, s.http_from);
  ChooseProxyValue(config.proxy.no_proxy, "proxy.no_proxy", {"no_proxy", "NO_PROXY"}, env,
                   s.options.no_proxy, s.no_proxy_from);
  return s;
}

Result<std::string> ProxyStartupNote(const ServiceConfig& config) {
  const ProxySetting s = ProxySettingFrom(config, EnvironmentVariable);
  std::string note;
  for (const auto& [scheme, url, from] : {std::tuple{"https", &s.options.https, &s.https_from},
                                          std::tuple{"http", &s.options.http, &s.http_from}}) {
    if (url->empty()) continue;
    Result<net::ProxyEndpoint> proxy = net::ParseProxyUrl(*url);
    if (!proxy) return MakeError(ErrorCode::kInvalidArgument, *from + ": " + proxy.error().message);
    note += std::string(note.empty() ? "" : ", ") + scheme + " suppliers through proxy " +
            proxy->display + " (" + *from + ")";
  }
  if (!note.empty() && !s.options.no_proxy.empty()) {
    note += ", directly to " + s.options.no_proxy + " (" + s.no_proxy_from + ")";
  }
  return note;
}

SearchServiceOptions SearchOptionsFrom(const ServiceConfig& config, WorkerPool* stage_pool) {
  return SearchServiceOptions{.default_deadline = config.search.default_deadline,
                              .max_deadline = config.search.max_deadline,
                              .ttl = config.store.ttl,
                              .stage_pool = stage_pool};
}

CalendarServiceOptions CalendarOptionsFrom(const ServiceConfig& config) {
  return CalendarServiceOptions{.max_calls_cap = config.calendar.max_calls,
                                .default_deadline = config.search.default_deadline,
                                .max_deadline = config.search.max_deadline};
}

std::string RedisUrlFrom(const ServiceConfig& config) {
  if (std::optional<std::string> url = EnvironmentVariable("FAREFLOW_REDIS_URL");
      url && !url->empty()) {
    return *std::move(url);
  }
  return config.store.redis_url;
}

std::unique_ptr<cache::SupplierCache> SupplierCacheFrom(const ServiceConfig& config) {
  const CacheConfig& c = config.cache;
  if (!c.enabled) return nullptr;
  cache::SupplierCacheOptions options;
  options.max_bytes = c.max_bytes;
  options.max_payload_bytes = c.max_payload_bytes;
  options.freshness = {.within_7_days = c.fresh_within_7_days,
                       .within_30_days = c.fresh_within_30_days,
                       .beyond = c.fresh_beyond,
                       .no_flights = c.fresh_no_flights,
                       .max_stale = c.max_stale};
  options.redis_key_prefix = c.redis_key_prefix;
  options.claim_ttl = c.claim_ttl;
  options.breaker_failures = config.store.redis_breaker_failures;
  options.breaker_cooldown = config.store.redis_breaker_cooldown;
  std::unique_ptr<RedisClient> redis;
  const std::string url = RedisUrlFrom(config);
  if (c.shared && !url.empty()) {
    // A bad URL was refused when the configuration (or FAREFLOW_REDIS_URL, by the store) was
    // read; here it only means no shared tier.
    if (Result<RedisEndpoint> endpoint = ParseRedisUrl(url)) {
      redis = std::make_unique<RedisClient>(*std::move(endpoint), config.store.redis_timeout);
    }
  }
  return std::make_unique<cache::SupplierCache>(std::move(options), std::move(redis));
}

server::ApiRuntimeOptions RuntimeOptionsFrom(const ServiceConfig& config) {
  server::ApiRuntimeOptions options{.store_max_bytes = config.store.max_bytes,
                                    .search_log_path = config.search_log_path,
                                    .redis_url = RedisUrlFrom(config),
                                    .redis_timeout = config.store.redis_timeout,
                                    .redis_key_prefix = config.store.redis_key_prefix,
                                    .redis_threads = config.store.redis_threads,
                                    .redis_queue_limit = config.store.redis_queue_limit,
                                    .redis_breaker_failures = config.store.redis_breaker_failures,
                                    .redis_breaker_cooldown = config.store.redis_breaker_cooldown,
                                    .fx = &refdata::FxRates::Builtin()};
  options.api_keys_file = config.auth.api_keys_file;
  if (std::optional<std::string> keys = EnvironmentVariable("FAREFLOW_API_KEYS_FILE");
      keys && !keys->empty()) {
    options.api_keys_file = *std::move(keys);
  }
  options.access.cors = {.origins = config.cors.origins, .max_age = config.cors.max_age};
  return options;
}

SearchBackend::SearchBackend(const ServiceConfig& config)
    : parse_pool_(config.search.parse_threads),
      http_(net::HttpClientOptions{.proxy = ProxySettingFrom(config, EnvironmentVariable).options}),
      cache_(SupplierCacheFrom(config)),
      fan_out_(config.suppliers, parse_pool_, http_,
               fanout::FanOutOptions{.env = EnvironmentVariable,
                                     .cache = cache_.get(),
                                     .fx = &refdata::FxRates::Builtin(),
                                     .refresh_threads = config.cache.refresh_threads,
                                     .tls_failures = LogTlsFailure}),
      search_(fan_out_, refdata::FxRates::Builtin(), SearchOptionsFrom(config, &parse_pool_)),
      calendar_(fan_out_, refdata::FxRates::Builtin(), CalendarOptionsFrom(config)) {
  // The trust anchors take tens of milliseconds to load: load them while the server starts
  // rather than in the first search, and not at all without an https supplier.
  if (HasHttpsSupplier(config)) http_.PrepareTls();
}

}  // namespace fareflow
