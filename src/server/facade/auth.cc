#include "server/facade/auth.h"

#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "suppliers/amadeus/server/oauth_exchange.h"

namespace fareflow::server {
namespace {

// Compares without stopping at the first difference, so that answer times do not tell how much
// of a guessed secret was right.
bool SameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

}  // namespace

FacadeAuth::FacadeAuth(FacadeOptions options)
    : options_(std::move(options)), tokens_(options_.token_ttl_seconds, options_.max_tokens) {}

bool FacadeAuth::Admits(std::string_view client_id, std::string_view client_secret) const {
  if (options_.clients.empty()) return !client_id.empty() && !client_secret.empty();
  bool admitted = false;
  for (const auto& [id, secret] : options_.clients) {
    // Every pair is compared, for the same reason SameSecret does not stop early.
    admitted |= (id == client_id) & SameSecret(secret, client_secret);
  }
  return admitted;
}

net::WireResponse FacadeAuth::IssueToken(const net::WireRequest& request) {
  return amadeus::AnswerTokenRequest(
      request, tokens_, Now(),
      [this](std::string_view id, std::string_view secret) { return Admits(id, secret); },
      [](std::string_view id) {
        return amadeus::TokenHolder{std::string(id), "fareflow", std::string(id)};
      });
}

std::optional<net::WireResponse> FacadeAuth::Reject(const net::WireRequest& request) const {
  return amadeus::RejectBearer(request, tokens_, Now());
}

int64_t FacadeAuth::Now() const {
  return options_.now_unix_seconds ? options_.now_unix_seconds() : UnixSecondsNow();
}

}  // namespace fareflow::server
