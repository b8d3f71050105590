#ifndef FAREFLOW_SERVER_FACADE_AUTH_H_
#define FAREFLOW_SERVER_FACADE_AUTH_H_

#include <cstdint>
#include <optional>

#include "net/wire_exchange.h"
#include "server/facade/options.h"
#include "suppliers/amadeus/server/token_store.h"

namespace fareflow::server {

// The facade's OAuth2 client-credentials flow, as Amadeus Self-Service runs it: the token
// endpoint issues bearer tokens to admitted clients, and every flight-offers call must present
// one that has not expired. Errors are answered in Amadeus's shapes, so an Amadeus SDK reports
// them as it would the real service's.
//
// Thread-safe: the tokens are kept in a TokenStore, which locks.
class FacadeAuth {
 public:
  explicit FacadeAuth(FacadeOptions options);
  FacadeAuth(const FacadeAuth&) = delete;
  FacadeAuth& operator=(const FacadeAuth&) = delete;

  // POST /v1/security/oauth2/token with the form body
  // grant_type=client_credentials&client_id=…&client_secret=…: 200 amadeusOAuth2Token; 400
  // invalid_request (no grant_type) or unsupported_grant_type; 401 invalid_client.
  net::WireResponse IssueToken(const net::WireRequest& request);

  // The 401 answer when `request` carries no valid `Authorization: Bearer` token (38191 missing
  // or malformed header, 38190 unknown token, 38192 expired); nullopt when it does.
  std::optional<net::WireResponse> Reject(const net::WireRequest& request) const;

 private:
  // Whether the pair is admitted: one of options_.clients, or any non-empty pair when none are
  // configured.
  bool Admits(std::string_view client_id, std::string_view client_secret) const;
  int64_t Now() const;

  const FacadeOptions options_;
  amadeus::TokenStore tokens_;
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_AUTH_H_
