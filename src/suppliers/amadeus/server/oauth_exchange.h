#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OAUTH_EXCHANGE_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OAUTH_EXCHANGE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/token_store.h"

// Amadeus Self-Service's OAuth2 client-credentials exchange and bearer check, as both the
// emulator and fareflow's Amadeus-compatible facade answer them.
namespace fareflow::amadeus {

// Who the issued token names in the amadeusOAuth2Token answer.
struct TokenHolder {
  std::string username;
  std::string application_name;
  std::string client_id;
};

// Answers POST /v1/security/oauth2/token (form body grant_type=client_credentials&client_id=…&
// client_secret=…): 400 invalid_request / unsupported_grant_type, 401 invalid_client when
// `admits(client_id, client_secret)` is false, else 200 amadeusOAuth2Token with a token from
// `tokens` issued at `now` (Unix seconds). `holder` says whom the token names, given the id.
net::WireResponse AnswerTokenRequest(
    const net::WireRequest& request, TokenStore& tokens, int64_t now,
    const std::function<bool(std::string_view id, std::string_view secret)>& admits,
    const std::function<TokenHolder(std::string_view id)>& holder);

// nullopt when the request carries `Authorization: Bearer <valid token>`; otherwise the 401
// answer: code 38191 for a missing or malformed header, 38190 for a token never issued, 38192
// for an expired one.
std::optional<net::WireResponse> RejectBearer(const net::WireRequest& request,
                                              const TokenStore& tokens, int64_t now);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OAUTH_EXCHANGE_H_
