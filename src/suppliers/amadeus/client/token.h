#ifndef FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_H_

#include <chrono>
#include <string>
#include <string_view>

#include "model/supplier_failure.h"
#include "suppliers/amadeus/paths.h"

namespace fareflow::amadeus {

// An access token of Amadeus's OAuth2 client-credentials flow, as the token endpoint issued it.
struct AmadeusToken {
  std::string access_token;
  std::chrono::seconds expires_in{0};
};

// The form body of `POST /v1/security/oauth2/token`:
// grant_type=client_credentials&client_id=…&client_secret=… (values percent-encoded).
std::string AmadeusTokenRequestBody(std::string_view client_id, std::string_view client_secret);

// Reads the token endpoint's answer: 200 with access_token and expires_in, or a failure
// (401/400 invalid_client and friends are auth_error, naming the OAuth error code; an answer
// without a token is malformed).
SupplierResult<AmadeusToken> ReadAmadeusTokenResponse(int status, std::string_view body);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_TOKEN_H_
