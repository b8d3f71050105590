#ifndef FAREFLOW_SERVER_ACCESS_API_KEY_H_
#define FAREFLOW_SERVER_ACCESS_API_KEY_H_

#include <array>
#include <string>
#include <string_view>

namespace fareflow::server {

// What a client key opens: the fareflow API (every route but /v1/health, which is open), or
// GET /metrics alone, for a scraper that must not search.
enum class KeyScope { kApi, kMetrics };

// "api" or "metrics", as the keys file writes a scope.
std::string_view KeyScopeName(KeyScope scope);

using Sha256Digest = std::array<unsigned char, 32>;

// SHA-256 of `bytes` (OpenSSL).
Sha256Digest Sha256(std::string_view bytes);

// The 64 lowercase hex digits of `digest`.
std::string DigestHex(const Sha256Digest& digest);

// A sustained rate and a burst: a token bucket of `burst` tokens refilled at `rate_per_second`.
inline constexpr double kDefaultKeyRatePerSecond = 10;
inline constexpr int kDefaultKeyBurst = 20;
inline constexpr double kMinKeyRatePerSecond = 0.001;  // one request per 1,000 s
inline constexpr double kMaxKeyRatePerSecond = 1'000'000;
inline constexpr int kMaxKeyBurst = 1'000'000;

// One client key as the keys file records it (docs/configuration.md, `auth`). The secret itself
// is never kept, only its SHA-256: secrets are 256 random bits, so the digest cannot be reversed
// by guessing, and a slow password hash (which protects secrets people choose) would only cost
// time on every request.
struct ApiKey {
  std::string id;    // "key_" and 16 hex digits when minted; not secret: owns searches
  std::string name;  // who holds the key, for people reading the file
  Sha256Digest secret_sha256{};
  double rate_per_second = kDefaultKeyRatePerSecond;
  int burst = kDefaultKeyBurst;
  KeyScope scope = KeyScope::kApi;
};

// Every secret starts with this, so that one found in a log or a repository is recognised.
inline constexpr std::string_view kApiKeySecretPrefix = "ff_live_";

// A new key: its secret ("ff_live_" and 64 hex digits, 256 bits from the kernel's CSPRNG), to be
// given to the client once, and its record, which holds only the secret's digest.
struct MintedKey {
  std::string secret;
  ApiKey key;
};
MintedKey MintApiKey(std::string name, double rate_per_second = kDefaultKeyRatePerSecond,
                     int burst = kDefaultKeyBurst, KeyScope scope = KeyScope::kApi);

// `key` as one JSON object of the keys file's "keys" list, on one line.
std::string ApiKeyRecordJson(const ApiKey& key);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ACCESS_API_KEY_H_
