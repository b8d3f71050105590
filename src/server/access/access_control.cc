#include "server/access/access_control.h"

#include <openssl/crypto.h>

#include <cstdio>
#include <string>
#include <utility>

#include "core/text.h"
#include "server/routes/api_error.h"

namespace fareflow::server {
namespace {

// Longer than any secret fareflow mints by far; longer ones are not hashed at all.
constexpr std::size_t kMaxSecretLength = 512;

std::vector<RateLimiter::Limit> LimitsOf(const std::vector<ApiKey>& keys) {
  std::vector<RateLimiter::Limit> limits;
  limits.reserve(keys.size());
  for (const ApiKey& key : keys) limits.push_back({key.rate_per_second, key.burst});
  return limits;
}

bool HasMetricsKeys(const std::vector<ApiKey>& keys) {
  for (const ApiKey& key : keys) {
    if (key.scope == KeyScope::kMetrics) return true;
  }
  return false;
}

// 401 with the challenge RFC 6750 describes; `invalid` when a key was sent but is not one.
net::WireResponse Unauthorized(bool invalid) {
  net::WireResponse response =
      invalid ? ApiError(401, "unauthorized", "the API key is not valid")
              : ApiError(401, "unauthorized",
                         "an API key is required: send it as `Authorization: Bearer <key>` or "
                         "`X-Api-Key: <key>`");
  response.headers.emplace_back(
      "WWW-Authenticate",
      invalid ? R"(Bearer realm="fareflow", error="invalid_token")" : R"(Bearer realm="fareflow")");
  return response;
}

net::WireResponse RateLimited(const ApiKey& key, int64_t retry_after) {
  char rate[64];
  std::snprintf(rate, sizeof rate, "%g requests per second (burst %d)", key.rate_per_second,
                key.burst);
  net::WireResponse response = ApiError(429, "rate_limited",
                                        "key " + key.id + " is over its rate limit of " + rate +
                                            "; retry in " + std::to_string(retry_after) + " s");
  response.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return response;
}

}  // namespace

std::string_view PresentedKey(const net::WireRequest& request) {
  const std::string_view api_key = Trim(request.Header("X-Api-Key"));
  if (!api_key.empty()) return api_key;
  const std::string_view authorization = Trim(request.Header("Authorization"));
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size() ||
      !net::EqualsIgnoreCase(authorization.substr(0, kScheme.size()), kScheme)) {
    return {};
  }
  return Trim(authorization.substr(kScheme.size()));
}

AccessControl::AccessControl(AccessOptions options)
    : keys_(std::move(options.keys)),
      metrics_keys_(HasMetricsKeys(keys_)),
      cors_(std::move(options.cors)),
      limiter_(LimitsOf(keys_), std::move(options.clock)) {}

std::optional<std::size_t> AccessControl::FindKey(std::string_view secret) const {
  if (secret.empty() || secret.size() > kMaxSecretLength) return std::nullopt;
  const Sha256Digest digest = Sha256(secret);
  // Branch-free selection, so that neither the comparison nor the bookkeeping depends on which
  // key matched. Digests are unique (the keys file refuses a repeated one): at most one matches.
  std::size_t found = 0;
  std::size_t any = 0;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const std::size_t equal = static_cast<std::size_t>(
        CRYPTO_memcmp(digest.data(), keys_[i].secret_sha256.data(), digest.size()) == 0);
    const std::size_t mask = ~(equal - 1);  // all ones when equal
    found |= i & mask;
    any |= equal;
  }
  if (any == 0) return std::nullopt;
  return found;
}

Admission AccessControl::AdmitWithoutKey(const net::WireRequest& request) const {
  Admission admission;
  if (std::optional<net::WireResponse> preflight = cors_.Preflight(request)) {
    admission.answer = std::move(preflight);
    return admission;  // it carries its CORS headers already
  }
  admission.headers = cors_.AnswerHeaders(request);
  return admission;
}

Admission AccessControl::Admit(const net::WireRequest& request, std::string_view route) {
  Admission admission = AdmitWithoutKey(request);
  if (admission.answer || open() || route == "/v1/health") return admission;

  const std::string_view secret = PresentedKey(request);
  const std::optional<std::size_t> index = FindKey(secret);
  if (!index) {
    admission.answer = Unauthorized(!secret.empty());
    return admission;
  }
  const ApiKey& key = keys_[*index];
  const bool opens = route == "/metrics" ? !metrics_keys_ || key.scope == KeyScope::kMetrics
                                         : key.scope == KeyScope::kApi;
  if (!opens) {
    admission.answer =
        ApiError(403, "forbidden",
                 "key " + key.id + " (scope " + std::string(KeyScopeName(key.scope)) +
                     ") does not open " + std::string(route));
    return admission;
  }
  if (const int64_t retry_after = limiter_.Acquire(*index); retry_after > 0) {
    admission.answer = RateLimited(key, retry_after);
    return admission;
  }
  admission.client = key.id;
  return admission;
}

}  // namespace fareflow::server
