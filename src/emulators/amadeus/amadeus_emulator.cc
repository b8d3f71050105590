#include "emulators/amadeus/amadeus_emulator.h"

#include <chrono>
#include <exception>
#include <utility>

#include "core/json_writer.h"
#include "emulators/amadeus/get_query.h"
#include "emulators/amadeus/issues.h"
#include "emulators/amadeus/offer_search.h"
#include "emulators/amadeus/post_query.h"

namespace fareflow::emulators {
namespace {

using amadeus_emulator::ErrorResponse;
using amadeus_emulator::Issue;
using amadeus_emulator::Issues;
using amadeus_emulator::OAuthErrorResponse;

constexpr int64_t kSecondsPerDay = 86400;

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && net::EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

net::WireResponse MethodNotAllowed(std::string_view method, std::string allow) {
  net::WireResponse response =
      ErrorResponse(405, amadeus_emulator::kMethodNotAllowed,
                    "method " + std::string(method) + " is not allowed on this resource");
  response.headers.emplace_back("Allow", std::move(allow));
  return response;
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

AmadeusEmulator::AmadeusEmulator(AmadeusEmulatorOptions options)
    : options_(std::move(options)), tokens_(options_.token_ttl_seconds) {}

net::WireResponse AmadeusEmulator::Handle(const net::WireRequest& request) {
  try {
    return Route(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, amadeus_emulator::kSystemError, e.what());
  } catch (...) {
    return ErrorResponse(500, amadeus_emulator::kSystemError, "unexpected failure");
  }
}

net::WireResponse AmadeusEmulator::Route(const net::WireRequest& request) {
  if (request.path == kTokenPath) {
    if (request.method != "POST") return MethodNotAllowed(request.method, "POST");
    return IssueToken(request);
  }
  if (request.path == kFlightOffersPath) {
    if (request.method != "GET" && request.method != "POST") {
      return MethodNotAllowed(request.method, "GET, POST");
    }
    return FlightOffers(request);
  }
  return ErrorResponse(404, amadeus_emulator::kResourceNotFound,
                       "The targeted resource doesn't exist");
}

net::WireResponse AmadeusEmulator::IssueToken(const net::WireRequest& request) {
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
  if (client_id == nullptr || client_secret == nullptr || *client_id != options_.client_id ||
      *client_secret != options_.client_secret) {
    return OAuthErrorResponse(401, "invalid_client", "Client credentials are invalid");
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
    w.String(options_.username);
    w.Key("application_name");
    w.String(options_.application_name);
    w.Key("client_id");
    w.String(options_.client_id);
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

std::optional<net::WireResponse> AmadeusEmulator::RejectUnauthorized(
    const net::WireRequest& request) const {
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

net::WireResponse AmadeusEmulator::FlightOffers(const net::WireRequest& request) {
  if (std::optional<net::WireResponse> rejected = RejectUnauthorized(request)) {
    return *std::move(rejected);
  }
  const Days today = static_cast<Days>(Now() / kSecondsPerDay);
  amadeus_emulator::SearchOrIssues search;
  if (request.method == "GET") {
    search = amadeus_emulator::ReadGetQuery(request, today);
  } else {
    const std::string_view override_method = Trim(request.Header("X-HTTP-Method-Override"));
    if (override_method.empty()) {
      Issue issue = amadeus_emulator::MakeIssue(
          amadeus_emulator::kMandatoryDataMissing,
          "a search by POST needs the header X-HTTP-Method-Override: GET", "X-HTTP-Method-Override",
          "", "GET");
      return ErrorResponse(Issues{std::move(issue)});
    }
    if (!net::EqualsIgnoreCase(override_method, "GET")) {
      Issue issue = amadeus_emulator::MakeIssue(amadeus_emulator::kInvalidData,
                                                "only GET can be overridden on this resource",
                                                "X-HTTP-Method-Override", "", "GET");
      return ErrorResponse(Issues{std::move(issue)});
    }
    search = amadeus_emulator::ReadPostBody(request.body, today);
  }
  if (!search) return ErrorResponse(search.error());
  return amadeus_emulator::SearchOffers(*search, options_.offers_cap);
}

int64_t AmadeusEmulator::Now() const {
  if (options_.now_unix_seconds) return options_.now_unix_seconds();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace fareflow::emulators
