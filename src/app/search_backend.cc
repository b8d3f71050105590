#include "app/search_backend.h"

#include <optional>
#include <string>
#include <utility>

#include "app/environment.h"
#include "refdata/fx_rates.h"

namespace fareflow {

SearchServiceOptions SearchOptionsFrom(const ServiceConfig& config) {
  return SearchServiceOptions{.default_deadline = config.search.default_deadline,
                              .max_deadline = config.search.max_deadline,
                              .ttl = config.store.ttl};
}

CalendarServiceOptions CalendarOptionsFrom(const ServiceConfig& config) {
  return CalendarServiceOptions{.max_calls_cap = config.calendar.max_calls,
                                .default_deadline = config.search.default_deadline,
                                .max_deadline = config.search.max_deadline};
}

server::ApiRuntimeOptions RuntimeOptionsFrom(const ServiceConfig& config) {
  server::ApiRuntimeOptions options{.store_max_bytes = config.store.max_bytes,
                                    .search_log_path = config.search_log_path,
                                    .redis_url = config.store.redis_url,
                                    .redis_timeout = config.store.redis_timeout,
                                    .redis_key_prefix = config.store.redis_key_prefix,
                                    .redis_threads = config.store.redis_threads,
                                    .redis_queue_limit = config.store.redis_queue_limit,
                                    .redis_breaker_failures = config.store.redis_breaker_failures,
                                    .redis_breaker_cooldown = config.store.redis_breaker_cooldown,
                                    .fx = &refdata::FxRates::Builtin()};
  if (std::optional<std::string> url = EnvironmentVariable("FAREFLOW_REDIS_URL");
      url && !url->empty()) {
    options.redis_url = *std::move(url);
  }
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
      http_(),
      fan_out_(config.suppliers, parse_pool_, http_,
               fanout::FanOutOptions{.env = EnvironmentVariable}),
      search_(fan_out_, refdata::FxRates::Builtin(), SearchOptionsFrom(config)),
      calendar_(fan_out_, refdata::FxRates::Builtin(), CalendarOptionsFrom(config)) {
  // The trust anchors take tens of milliseconds to load: load them while the server starts
  // rather than in the first search, and not at all without an https supplier.
  for (const SupplierConfig& s : config.suppliers) {
    if (s.enabled && s.base_url.rfind("https://", 0) == 0) {
      http_.PrepareTls();
      break;
    }
  }
}

}  // namespace fareflow
