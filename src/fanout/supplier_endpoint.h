#ifndef FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_
#define FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_

#include <memory>
#include <string>

#include "config/service_config.h"
#include "core/circuit_breaker.h"
#include "suppliers/amadeus/client/token_cache.h"

namespace fareflow::fanout {

// What a FanOut keeps about one configured supplier across searches. Shared with the callbacks
// of calls in flight, which may outlive the FanOut.
struct SupplierEndpoint {
  SupplierEndpoint(SupplierConfig config, SteadyClockSource clock)
      : config(std::move(config)),
        breaker(this->config.breaker_failures, this->config.breaker_cooldown, std::move(clock)) {}

  const SupplierConfig config;
  // Secrets read from the environment at construction; never logged.
  std::string client_id, client_secret;  // amadeus
  std::string access_token;              // duffel
  // Why the supplier cannot be called (a credential variable unset); empty when it can.
  std::string missing_credentials;
  CircuitBreaker breaker;
  std::shared_ptr<amadeus::AmadeusTokenCache> tokens;  // amadeus only
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_SUPPLIER_ENDPOINT_H_
