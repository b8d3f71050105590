#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fareflow::amadeus {

// What an access token presented in an Authorization header turned out to be.
enum class TokenState { kValid, kUnknown, kExpired };

// The access tokens issued (by the emulator or the facade) and when each expires. Tokens are 30
// random alphanumeric characters, as the real API's are.
//
// Thread-safe: every member takes the store's mutex. Times are Unix seconds from the caller's
// clock, so tests decide when a token expires.
class TokenStore {
 public:
  // `ttl_seconds` is the lifetime of every token issued.
  explicit TokenStore(int64_t ttl_seconds);
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // Issues a new token valid from `now` for the TTL.
  std::string Issue(int64_t now);

  // Whether `token` was issued here and is still valid at `now`. A token is expired from
  // issue time + TTL on.
  TokenState Check(std::string_view token, int64_t now) const;

  int64_t ttl_seconds() const { return ttl_seconds_; }

 private:
  // Forgets tokens that expired more than a TTL ago (they then read as unknown), so a long-running
  // emulator's store stays bounded. Called with the mutex held.
  void ForgetOldLocked(int64_t now);

  const int64_t ttl_seconds_;
  mutable std::mutex mutex_;
  uint64_t state_;                                   // splitmix64 stream of token characters
  std::unordered_map<std::string, int64_t> expiry_;  // token -> Unix second it expires at
};

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_
