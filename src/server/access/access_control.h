#ifndef FAREFLOW_SERVER_ACCESS_ACCESS_CONTROL_H_
#define FAREFLOW_SERVER_ACCESS_ACCESS_CONTROL_H_

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/rate_limiter.h"
#include "core/steady_clock_source.h"
#include "net/wire_exchange.h"
#include "server/access/api_key.h"
#include "server/access/cors.h"
#include "server/routes/router.h"

namespace fareflow::server {

// Who may call the API, how often, and from which web pages.
struct AccessOptions {
  // The client keys (server/access/api_key_file.h). Empty: the API is open to anyone who can
  // reach it.
  std::vector<ApiKey> keys;
  CorsOptions cors;
  SteadyClockSource clock;  // for the rate limits; steady_clock when empty
};

// The gate in front of every route of the API (Router::SetGate), in this order:
//   1. CORS: a preflight from an allowed origin is answered 204; every other answer carries the
//      CORS headers CorsPolicy gives.
//   2. Keys, when any are configured: every route but /v1/health needs one, sent as
//      `X-Api-Key: <secret>` or `Authorization: Bearer <secret>` (X-Api-Key first). None or an
//      unknown one: 401 unauthorized with WWW-Authenticate: Bearer. (Routes that authenticate
//      their callers themselves, the Amadeus facade's, are admitted by AdmitWithoutKey instead.)
//      /metrics takes a key of scope "metrics" when the file has one (else any key); every other
//      route a key of scope "api"; the wrong scope is 403 forbidden.
//   3. The key's rate limit: over it, 429 rate_limited with Retry-After.
// The admitted request is made for the key's id (Admission::client), which owns the searches it
// runs.
//
// Finding the key does not tell, by its timing, which keys exist: the presented secret is hashed
// (SHA-256) and its digest compared with every key's digest with CRYPTO_memcmp, without stopping
// at a match, so the work is the same whichever key matches, or none. (Looking a key up by an id
// embedded in the secret would answer an unknown id sooner than a known one with a wrong secret.)
// With the 10,000 keys a file may hold that is 10,000 32-byte comparisons, about 50 µs; a
// few hundred keys cost a few microseconds.
//
// Immutable after construction but for the rate limiter's buckets, which are atomic:
// thread-safe.
class AccessControl {
 public:
  explicit AccessControl(AccessOptions options);
  AccessControl(const AccessControl&) = delete;
  AccessControl& operator=(const AccessControl&) = delete;

  // Whether no key is configured: every request is admitted (CORS still applies).
  bool open() const { return keys_.empty(); }

  // The gate's decision about `request`, whose path matched `route` ("unmatched" when none).
  Admission Admit(const net::WireRequest& request, std::string_view route);

  // The gate's decision about a request to a route that authenticates its callers itself: CORS
  // alone (step 1), no key and no rate limit.
  Admission AdmitWithoutKey(const net::WireRequest& request) const;

  // The index of the key whose secret is `secret`, compared as the class comment says.
  std::optional<std::size_t> FindKey(std::string_view secret) const;

 private:
  const std::vector<ApiKey> keys_;
  const bool metrics_keys_;  // some key has scope "metrics": /metrics takes only those
  const CorsPolicy cors_;
  RateLimiter limiter_;
};

// The secret a request presents: X-Api-Key, else the token of `Authorization: Bearer <token>`
// (the scheme compared without case); empty when neither is there. Views the request.
std::string_view PresentedKey(const net::WireRequest& request);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ACCESS_ACCESS_CONTROL_H_
