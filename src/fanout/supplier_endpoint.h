#ifndef FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_
#define FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_

#include <memory>
#include <string>

#include "config/service_config.h"
#include "core/circuit_breaker.h"
#include "core/rate_limiter.h"
#include "engine/supplier_outcome.h"
#include "fanout/tls_failure_log.h"
#include "suppliers/amadeus/client/token_cache.h"

namespace fareflow::fanout {

// What a FanOut keeps about one configured supplier across searches. Shared with the callbacks
// of calls in flight, which may outlive the FanOut.
struct SupplierEndpoint {
  SupplierEndpoint(SupplierConfig config, SteadyClockSource clock)
      : config(std::move(config)),
        breaker(this->config.breaker_failures, this->config.breaker_cooldown, clock),
        cache_identity(CacheIdentity(this->config)),
        budget(MakeBudget(this->config, std::move(clock))) {}

  // What names the supplier in cache keys: everything of its configuration that changes its
  // answers to the same request.
  static std::string CacheIdentity(const SupplierConfig& config);
  // The call budget's token bucket; null when the configuration sets none.
  static std::unique_ptr<RateLimiter> MakeBudget(const SupplierConfig& config,
                                                 SteadyClockSource clock);

  // Hands a TLS failure of a call to this supplier to `tls_sink` when it is news (TlsFailureLog),
  // and forgets the failures once the supplier answers ok. For calls that reached the supplier.
  void NoteTlsOutcome(const SupplierOutcome& outcome);

  const SupplierConfig config;
  // Secrets read from the environment at construction; never logged.
  std::string client_id, client_secret;  // amadeus
  std::string access_token;              // duffel
  // Why the supplier cannot be called (a credential variable unset); empty when it can.
  std::string missing_credentials;
  CircuitBreaker breaker;
  std::shared_ptr<amadeus::AmadeusTokenCache> tokens;  // amadeus only
  const std::string cache_identity;
  const std::unique_ptr<RateLimiter> budget;  // shared by searches and background refreshes
  TlsFailureLog tls_failures;
  TlsFailureSink tls_sink;  // set by the FanOut before any call; null: nothing logged
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_
