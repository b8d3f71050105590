#include "fanout/supplier_endpoint.h"

#include <algorithm>
#include <cmath>

#include "engine/supplier_kind.h"
#include "net/url.h"

namespace fareflow::fanout {

std::string SupplierEndpoint::CacheIdentity(const SupplierConfig& config) {
  std::string identity = config.name + " " + std::string(SupplierKindName(config.kind)) + " " +
                         config.base_url + " " + std::to_string(config.max_offers);
  // Paged offers come in the pages' order, and the cut at max_offers keeps the first of it.
  if (config.page_size > 0) identity += " pages by " + (config.sort.empty() ? "id" : config.sort);
  return identity;
}

std::unique_ptr<RateLimiter> SupplierEndpoint::MakeBudget(const SupplierConfig& config,
                                                          SteadyClockSource clock) {
  if (config.calls_per_second <= 0) return nullptr;
  const int burst = config.burst > 0
                        ? config.burst
                        : std::max(1, static_cast<int>(std::ceil(config.calls_per_second)));
  return std::make_unique<RateLimiter>(
      std::vector<RateLimiter::Limit>{{.rate_per_second = config.calls_per_second, .burst = burst}},
      std::move(clock));
}

void SupplierEndpoint::NoteTlsOutcome(const SupplierOutcome& outcome) {
  if (!tls_sink || !tls_failures.Record(outcome.status, outcome.error)) return;
  const Result<net::Url> url = net::ParseUrl(config.base_url);
  tls_sink(TlsFailureReport{
      .supplier = config.name, .host = url ? url->host : config.base_url, .error = outcome.error});
}

}  // namespace fareflow::fanout
