#include "app/search_backend.h"

#include "refdata/fx_rates.h"

namespace fareflow {

SearchServiceOptions SearchOptionsFrom(const ServiceConfig& config) {
  return SearchServiceOptions{.default_deadline = config.search.default_deadline,
                              .max_deadline = config.search.max_deadline,
                              .ttl = config.store.ttl};
}

SearchBackend::SearchBackend(const ServiceConfig& config)
    : parse_pool_(config.search.parse_threads),
      http_(),
      fan_out_(config.suppliers, parse_pool_, http_),
      search_(fan_out_, refdata::FxRates::Builtin(), SearchOptionsFrom(config)) {}

}  // namespace fareflow
