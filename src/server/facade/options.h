#ifndef FAREFLOW_SERVER_FACADE_OPTIONS_H_
#define FAREFLOW_SERVER_FACADE_OPTIONS_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fareflow::server {

// How the Amadeus-compatible facade admits clients.
struct FacadeOptions {
  // The (client_id, client_secret) pairs the token endpoint accepts. Empty: any non-empty pair is
  // accepted, which suits development and demos but not a service reachable by strangers.
  std::vector<std::pair<std::string, std::string>> clients;
  // Lifetime of every access token, as `expires_in` states it.
  int token_ttl_seconds = 1799;
  // The clock (Unix seconds) tokens expire by. Empty: the system clock. Called from the io
  // threads, so it must be thread-safe.
  std::function<int64_t()> now_unix_seconds;
};

// The options `fareflow serve` runs the facade with: the one client named by the variables
// FAREFLOW_FACADE_CLIENT_ID and FAREFLOW_FACADE_CLIENT_SECRET of `env` (a variable's value,
// nullopt when unset) when both are set and non-empty, else none (any non-empty pair is admitted).
FacadeOptions FacadeOptionsFromEnvironment(
    const std::function<std::optional<std::string>(const std::string& name)>& env);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_OPTIONS_H_
