#include "suppliers/amadeus/client/token.h"

#include <simdjson.h>

namespace fareflow::amadeus {
namespace {

// application/x-www-form-urlencoded: unreserved characters as they are, the rest %XX.
void AppendFormEncoded(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : value) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

SupplierFailure Malformed(std::string message) {
  return SupplierFailure{SupplierStatus::kMalformed, std::move(message), 200};
}

}  // namespace

std::string AmadeusTokenRequestBody(std::string_view client_id, std::string_view client_secret) {
  std::string body = "grant_type=client_credentials&client_id=";
  AppendFormEncoded(body, client_id);
  body += "&client_secret=";
  AppendFormEncoded(body, client_secret);
  return body;
}

SupplierResult<AmadeusToken> ReadAmadeusTokenResponse(int status, std::string_view body) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const bool json = parser.parse(body.data(), body.size()).get(root) == simdjson::SUCCESS;
  if (status < 200 || status > 299) {
    SupplierFailure failure = HttpFailure(status, "token");
    // 400 invalid_client / invalid_request from the token endpoint means our credentials or
    // our request are wrong: an authentication failure, not a search the supplier refused.
    if (status == 400) failure.status = SupplierStatus::kAuthError;
    std::string_view code;
    if (json && root["error"].get_string().get(code) == simdjson::SUCCESS) {
      failure.error += " ";
      failure.error.append(code);
    }
    return tl::unexpected(std::move(failure));
  }
  if (!json) return tl::unexpected(Malformed("token: the answer is not JSON"));
  AmadeusToken token;
  std::string_view access_token;
  if (root["access_token"].get_string().get(access_token) || access_token.empty()) {
    return tl::unexpected(Malformed("token: the answer has no access_token"));
  }
  int64_t expires_in = 0;
  if (root["expires_in"].get_int64().get(expires_in) || expires_in < 0) {
    return tl::unexpected(Malformed("token: the answer has no valid expires_in"));
  }
  token.access_token = std::string(access_token);
  token.expires_in = std::chrono::seconds(expires_in);
  return token;
}

}  // namespace fareflow::amadeus
