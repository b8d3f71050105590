#ifndef FAREFLOW_SERVER_FACADE_OPTIONS_H_
#define FAREFLOW_SERVER_FACADE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "suppliers/amadeus/server/token_store.h"

namespace fareflow::server {

// How the Amadeus-compatible facade admits clients.
struct FacadeOptions {
  // The (client_id, client_secret) pairs the token endpoint accepts. Empty: any non-empty pair is
  // accepted, which suits development and demos but not a service reachable by strangers.
  std::vector<std::pair<std::string, std::string>> clients;
  // Lifetime of every access token, as `expires_in` states it.
  int token_ttl_seconds = 1799;
  // The most access tokens kept at once; past it the oldest are forgotten (TokenStore).
  std::size_t max_tokens = amadeus::TokenStore::kDefaultMaxTokens;
  // The clock (Unix seconds) tokens expire by. Empty: the system clock. Called from the io
  // threads, so it must be thread-safe.
  std::function<int64_t()> now_unix_seconds;
};

// The options `fareflow serve` runs the facade with: the one client named by the variables
// FAREFLOW_FACADE_CLIENT_ID and FAREFLOW_FACADE_CLIENT_SECRET of `env` (a variable's value,
// nullopt when unset) when both are set and non-empty; none (any non-empty pair is admitted)
// when neither is; max_tokens from FAREFLOW_FACADE_MAX_TOKENS when set (1 to 10,000,000). One
// without the other is a kInvalidArgument whose field names the variable missing: admitting
// everyone because a secret did not reach the environment is the one outcome an operator who set a
// client id cannot have meant, so the service must not start. A FAREFLOW_FACADE_MAX_TOKENS that is
// not such a number is refused the same way.
Result<FacadeOptions> FacadeOptionsFromEnvironment(
    const std::function<std::optional<std::string>(const std::string& name)>& env);

// Whether the facade is served beside the API's client keys. With keys (`api_keys_configured`)
// the facade's routes are authenticated by the facade's own OAuth instead of a key, since an
// Amadeus SDK sends its bearer token and nothing else; so they are served only when
// `options.clients` names the clients admitted. Development mode (no clients: any non-empty pair
// gets a token) would open to anyone the searches the keys close, so with keys it turns the
// facade off instead (its paths answer as unknown ones do). Without keys it is always served.
bool FacadeServed(const FacadeOptions& options, bool api_keys_configured);

// What a service says on standard error when FacadeServed is false.
inline constexpr const char* kFacadeOffBehindKeys =
    "API keys are configured but FAREFLOW_FACADE_CLIENT_ID and FAREFLOW_FACADE_CLIENT_SECRET are "
    "not: the Amadeus-compatible routes (/v1/security/oauth2/token, /v2/shopping/flight-offers) "
    "are off (404); set both to serve them to that client";

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_OPTIONS_H_
