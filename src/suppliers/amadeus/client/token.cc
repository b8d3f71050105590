#include "suppliers/amadeus/client/token.h"

#include <cstdint>
#include <optional>

#include <simdjson.h>

#include "core/json_reader.h"
#include "core/percent_encoding.h"

namespace fareflow::amadeus {
namespace {

SupplierFailure Malformed(std::string message) {
  return SupplierFailure{SupplierStatus::kMalformed, std::move(message), 200};
}

}  // namespace

std::string AmadeusTokenRequestBody(std::string_view client_id, std::string_view client_secret) {
  std::string body = "grant_type=client_credentials&client_id=";
  AppendPercentEncoded(body, client_id);
  body += "&client_secret=";
  AppendPercentEncoded(body, client_secret);
  return body;
}

SupplierResult<AmadeusToken> ReadAmadeusTokenResponse(int status, std::string_view body) {
  thread_local simdjson::dom::parser parser;
  const Result<JsonValue> root = ParseJson(parser, body);
  // Member `key` of the answer when it is a string; nullopt otherwise. Views `body`'s parse.
  const auto text = [&](std::string_view key) -> std::optional<std::string_view> {
    const std::optional<JsonValue> value = root ? root->Member(key) : std::nullopt;
    if (!value) return std::nullopt;
    const Result<std::string_view> s = value->String();
    if (!s) return std::nullopt;
    return *s;
  };
  if (status < 200 || status > 299) {
    SupplierFailure failure = HttpFailure(status, "token");
    // 400 invalid_client / invalid_request from the token endpoint means our credentials or
    // our request are wrong: an authentication failure, not a search the supplier refused.
    if (status == 400) failure.status = SupplierStatus::kAuthError;
    if (const std::optional<std::string_view> code = text("error")) {
      failure.error += " ";
      failure.error.append(*code);
    }
    return tl::unexpected(std::move(failure));
  }
  if (!root) return tl::unexpected(Malformed("token: the answer is not JSON"));
  const std::optional<std::string_view> access_token = text("access_token");
  if (!access_token || access_token->empty()) {
    return tl::unexpected(Malformed("token: the answer has no access_token"));
  }
  const std::optional<JsonValue> expires_in_value = root->Member("expires_in");
  const Result<int64_t> expires_in =
      expires_in_value ? expires_in_value->Int(0, INT64_MAX) : InvalidAt("/expires_in", "missing");
  if (!expires_in) return tl::unexpected(Malformed("token: the answer has no valid expires_in"));
  AmadeusToken token;
  token.access_token = std::string(*access_token);
  token.expires_in = std::chrono::seconds(*expires_in);
  return token;
}

}  // namespace fareflow::amadeus
