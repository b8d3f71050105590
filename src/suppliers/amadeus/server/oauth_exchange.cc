#include "suppliers/amadeus/server/oauth_exchange.h"

#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "core/text.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::amadeus {
namespace {

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && net::EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// The value of form field `name` in `fields`, or nullptr.
const std::string* Field(const std::vector<std::pair<std::string, std::string>>& fields,
                         std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

net::WireResponse AnswerTokenRequest(
    const net::WireRequest& request, TokenStore& tokens, int64_t now,
    const std::function<bool(std::string_view id, std::string_view secret)>& admits,
    const std::function<TokenHolder(std::string_view id)>& holder) {
  const std::string_view content_type = request.Header("Content-Type");
  std::vector<std::pair<std::string, std::string>> fields;
  if (content_type.empty() ||
      StartsWithIgnoreCase(content_type, "application/x-www-form-urlencoded")) {
    fields = net::ParseQueryString(request.body);
  }
  const std::string* grant_type = Field(fields, "grant_type");
  if (grant_type == nullptr || grant_type->empty()) {
    return OAuthErrorResponse(400, "invalid_request",
                              "Mandatory grant_type form parameter missing");
  }
  if (*grant_type != "client_credentials") {
    return OAuthErrorResponse(
        400, "unsupported_grant_type",
        "Only client_credentials value is allowed for the body parameter grant_type");
  }
  const std::string* client_id = Field(fields, "client_id");
  const std::string* client_secret = Field(fields, "client_secret");
  if (client_id == nullptr || client_secret == nullptr || !admits(*client_id, *client_secret)) {
    return OAuthErrorResponse(401, "invalid_client", "Client credentials are invalid");
  }

  const TokenHolder named = holder(*client_id);
  const std::string token = tokens.Issue(now);
  net::WireResponse response;
  response.headers.emplace_back("Cache-Control", "no-store");
  {  // the writer trims the body when it goes out of scope
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("type");
    w.String("amadeusOAuth2Token");
    w.Key("username");
    w.String(named.username);
    w.Key("application_name");
    w.String(named.application_name);
    w.Key("client_id");
    w.String(named.client_id);
    w.Key("token_type");
    w.String("Bearer");
    w.Key("access_token");
    w.String(token);
    w.Key("expires_in");
    w.Int(tokens.ttl_seconds());
    w.Key("state");
    w.String("approved");
    w.Key("scope");
    w.String("");
    w.EndObject();
  }
  return response;
}

std::optional<net::WireResponse> RejectBearer(const net::WireRequest& request,
                                              const TokenStore& tokens, int64_t now) {
  const std::string_view header = Trim(request.Header("Authorization"));
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view token =
      StartsWithIgnoreCase(header, kBearer) ? Trim(header.substr(kBearer.size())) : "";
  if (token.empty()) {
    return UnauthorizedResponse(kInvalidHttpHeader,
                                "Missing or invalid format for mandatory Authorization header");
  }
  switch (tokens.Check(token, now)) {
    case TokenState::kValid:
      return std::nullopt;
    case TokenState::kExpired:
      return UnauthorizedResponse(kAccessTokenExpired, "The access token is expired");
    case TokenState::kUnknown:
      break;
  }
  return UnauthorizedResponse(kInvalidAccessToken,
                              "The access token provided in the Authorization header is invalid");
}

}  // namespace fareflow::amadeus
