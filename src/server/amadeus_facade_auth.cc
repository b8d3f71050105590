#include "server/amadeus_facade_auth.h"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "emulators/amadeus/issues.h"

namespace fareflow::server {
namespace {

namespace amadeus_emulator = emulators::amadeus_emulator;

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && net::EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Compares without stopping at the first difference, so that answer times do not tell how much
// of a guessed secret was right.
bool SameSecret(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

// The value of form field `name`, or nullptr.
const std::string* Field(const std::vector<std::pair<std::string, std::string>>& fields,
                         std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

}  // namespace

FacadeAuth::FacadeAuth(FacadeOptions options)
    : options_(std::move(options)), tokens_(options_.token_ttl_seconds) {}

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
  const std::string_view content_type = request.Header("Content-Type");
  std::vector<std::pair<std::string, std::string>> fields;
  if (content_type.empty() ||
      StartsWithIgnoreCase(content_type, "application/x-www-form-urlencoded")) {
    fields = net::ParseQueryString(request.body);
  }
  const std::string* grant_type = Field(fields, "grant_type");
  if (grant_type == nullptr || grant_type->empty()) {
    return amadeus_emulator::OAuthErrorResponse(400, "invalid_request",
                                                "Mandatory grant_type form parameter missing");
  }
  if (*grant_type != "client_credentials") {
    return amadeus_emulator::OAuthErrorResponse(
        400, "unsupported_grant_type",
        "Only client_credentials value is allowed for the body parameter grant_type");
  }
  const std::string* client_id = Field(fields, "client_id");
  const std::string* client_secret = Field(fields, "client_secret");
  if (client_id == nullptr || client_secret == nullptr || !Admits(*client_id, *client_secret)) {
    return amadeus_emulator::OAuthErrorResponse(401, "invalid_client",
                                                "Client credentials are invalid");
  }

  const std::string token = tokens_.Issue(Now());
  net::WireResponse response;
  response.headers.emplace_back("Cache-Control", "no-store");
  {  // the writer trims the body when it goes out of scope
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("type");
    w.String("amadeusOAuth2Token");
    w.Key("username");
    w.String(*client_id);
    w.Key("application_name");
    w.String("fareflow");
    w.Key("client_id");
    w.String(*client_id);
    w.Key("token_type");
    w.String("Bearer");
    w.Key("access_token");
    w.String(token);
    w.Key("expires_in");
    w.Int(tokens_.ttl_seconds());
    w.Key("state");
    w.String("approved");
    w.Key("scope");
    w.String("");
    w.EndObject();
  }
  return response;
}

std::optional<net::WireResponse> FacadeAuth::Reject(const net::WireRequest& request) const {
  const std::string_view header = Trim(request.Header("Authorization"));
  constexpr std::string_view kBearer = "Bearer ";
  const std::string_view token =
      StartsWithIgnoreCase(header, kBearer) ? Trim(header.substr(kBearer.size())) : "";
  if (token.empty()) {
    return amadeus_emulator::UnauthorizedResponse(
        amadeus_emulator::kInvalidHttpHeader,
        "Missing or invalid format for mandatory Authorization header");
  }
  switch (tokens_.Check(token, Now())) {
    case amadeus_emulator::TokenState::kValid:
      return std::nullopt;
    case amadeus_emulator::TokenState::kExpired:
      return amadeus_emulator::UnauthorizedResponse(amadeus_emulator::kAccessTokenExpired,
                                                    "The access token is expired");
    case amadeus_emulator::TokenState::kUnknown:
      break;
  }
  return amadeus_emulator::UnauthorizedResponse(
      amadeus_emulator::kInvalidAccessToken,
      "The access token provided in the Authorization header is invalid");
}

int64_t FacadeAuth::Now() const {
  if (options_.now_unix_seconds) return options_.now_unix_seconds();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace fareflow::server
