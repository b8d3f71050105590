#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fareflow::amadeus {

// What an access token presented in an Authorization header turned out to be.
enum class TokenState { kValid, kUnknown, kExpired };

// The access tokens issued (by the emulator or the facade) and when each expires. Tokens are 30
// alphanumeric characters, as the real API's are, drawn uniformly from core/secure_random: 178
// random bits, so that no token tells anything of another.
//
// Issue and Check run on the io threads, so both are O(1) amortised: every token lives the same
// TTL, so tokens expire in the order they were issued, and a FIFO of them is trimmed from its
// front (tokens that expired more than a TTL ago, then read as unknown) on every call, each token
// leaving it once. At most `max_tokens` are kept: past that the oldest are forgotten early, so a
// client asking for tokens in a loop costs bounded memory (and logs out the oldest holders).
//
// Thread-safe: every member takes the store's mutex. Times are Unix seconds from the caller's
// clock, so tests decide when a token expires.
class TokenStore {
 public:
  static constexpr std::size_t kDefaultMaxTokens = 100'000;

  // `ttl_seconds` is the lifetime of every token issued; `max_tokens` (>= 1) the most kept.
  explicit TokenStore(int64_t ttl_seconds, std::size_t max_tokens = kDefaultMaxTokens);
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // Issues a new token valid from `now` for the TTL.
  std::string Issue(int64_t now);

  // Whether `token` was issued here and is still valid at `now`. A token is expired from
  // issue time + TTL on.
  TokenState Check(std::string_view token, int64_t now) const;

  int64_t ttl_seconds() const { return ttl_seconds_; }
  std::size_t max_tokens() const { return max_tokens_; }

  // Tokens kept (valid, or expired less than a TTL ago).
  std::size_t size() const;
  // Entries the trimming has looked at since construction: at most one per token issued plus one
  // per call, whatever the number kept. For tests, which hold the store to O(1) amortised work.
  uint64_t entries_examined() const;

 private:
  // A transparent hash, so that Check looks a string_view up without copying it.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Issued {
    int64_t expires;         // Unix second
    std::string_view token;  // the key in expiry_, whose node outlives this entry
  };

  // Forgets from the front of order_ the tokens that expired more than a TTL before `now`, and
  // the oldest while more than `keep` are kept. Called with the mutex held.
  void TrimLocked(int64_t now, std::size_t keep) const;

  const int64_t ttl_seconds_;
  const std::size_t max_tokens_;
  mutable std::mutex mutex_;
  // Token -> Unix second it expires at. Trimming is what keeps them bounded, and Check trims,
  // hence mutable.
  mutable std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> expiry_;
  mutable std::deque<Issued> order_;  // the tokens of expiry_, oldest first
  mutable uint64_t examined_ = 0;
};

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_TOKEN_STORE_H_
