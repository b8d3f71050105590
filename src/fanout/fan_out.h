#ifndef FAREFLOW_FANOUT_FAN_OUT_H_
#define FAREFLOW_FANOUT_FAN_OUT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/service_config.h"
#include "core/steady_clock_source.h"
#include "engine/supplier_source.h"
#include "engine/worker_pool.h"
#include "net/http_client.h"

namespace fareflow::fanout {

struct SupplierEndpoint;

// What a FanOut reads from its surroundings; the defaults are the process's own.
struct FanOutOptions {
  // The value of an environment variable, nullopt when unset (the app passes the process's own).
  // Empty: no variable is set. Called only in the constructor.
  std::function<std::optional<std::string>(const std::string& name)> env;
  // The clock of circuit breakers and token expiry. Default: std::chrono::steady_clock.
  SteadyClockSource clock;
};

// The live suppliers of `fareflow serve`: every enabled supplier of the configuration asked at
// once for each search (docs/configuration.md says how each is called).
//
// HTTP suppliers go through `http` (one io thread for all of them); the built-in supplier runs on
// `parse_pool`. Each payload is parsed on `parse_pool` the moment it arrives, while slower
// suppliers are still in flight. Fetch returns when every supplier is done or at its deadline
// (the search's, or the supplier's `timeout` if earlier), reporting late ones as timeout; it may
// overrun the deadline only by the parsing of payloads that arrived in time. Answers arriving
// after Fetch returned are dropped: no callback reaches the RequestContext then.
//
// Outcomes are in configuration order, disabled suppliers left out; a supplier's offers carry its
// position in that list as their supplier index. Missing credentials (read from the environment
// at construction) make a supplier auth_error without calling it; an open circuit breaker makes
// it skipped.
//
// `parse_pool` and `http` must outlive the FanOut, and `http` must outlive every call in flight
// (destroy the FanOut first, then the client: its destructor ends the calls). Thread-safe: any
// number of searches may Fetch at once.
class FanOut final : public SupplierSource {
 public:
  FanOut(std::vector<SupplierConfig> suppliers, WorkerPool& parse_pool, net::HttpClient& http,
         FanOutOptions options = {});
  FanOut(const FanOut&) = delete;
  FanOut& operator=(const FanOut&) = delete;
  ~FanOut() override;

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override;

 private:
  std::vector<std::shared_ptr<SupplierEndpoint>> endpoints_;  // enabled, in order
  WorkerPool& parse_pool_;
  net::HttpClient& http_;
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_FAN_OUT_H_
