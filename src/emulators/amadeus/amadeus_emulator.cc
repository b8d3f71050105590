#include "emulators/amadeus/amadeus_emulator.h"

#include <exception>
#include <utility>

#include "core/clock.h"
#include "core/json_writer.h"
#include "emulators/amadeus/offer_search.h"
#include "suppliers/amadeus/paths.h"
#include "suppliers/amadeus/server/issues.h"
#include "suppliers/amadeus/server/oauth_exchange.h"
#include "suppliers/amadeus/server/search_call.h"

namespace fareflow::emulators {
namespace {

using amadeus::ErrorResponse;
using amadeus::OAuthErrorResponse;

constexpr int64_t kSecondsPerDay = 86400;

net::WireResponse MethodNotAllowed(std::string_view method, std::string allow) {
  net::WireResponse response =
      ErrorResponse(405, amadeus::kMethodNotAllowed,
                    "method " + std::string(method) + " is not allowed on this resource");
  response.headers.emplace_back("Allow", std::move(allow));
  return response;
}

}  // namespace

AmadeusEmulator::AmadeusEmulator(AmadeusEmulatorOptions options)
    : options_(std::move(options)), tokens_(options_.token_ttl_seconds) {}

net::WireResponse AmadeusEmulator::Handle(const net::WireRequest& request) {
  try {
    return Route(request);
  } catch (const std::exception& e) {
    return ErrorResponse(500, amadeus::kSystemError, e.what());
  } catch (...) {
    return ErrorResponse(500, amadeus::kSystemError, "unexpected failure");
  }
}

net::WireResponse AmadeusEmulator::Route(const net::WireRequest& request) {
  if (request.path == amadeus::kAmadeusTokenPath) {
    if (request.method != "POST") return MethodNotAllowed(request.method, "POST");
    return IssueToken(request);
  }
  if (request.path == amadeus::kAmadeusFlightOffersPath) {
    if (request.method != "GET" && request.method != "POST") {
      return MethodNotAllowed(request.method, "GET, POST");
    }
    return FlightOffers(request);
  }
  return ErrorResponse(404, amadeus::kResourceNotFound, "The targeted resource doesn't exist");
}

net::WireResponse AmadeusEmulator::IssueToken(const net::WireRequest& request) {
  return amadeus::AnswerTokenRequest(
      request, tokens_, Now(),
      [this](std::string_view id, std::string_view secret) {
        return id == options_.client_id && secret == options_.client_secret;
      },
      [this](std::string_view) {
        return amadeus::TokenHolder{options_.username, options_.application_name,
                                    options_.client_id};
      });
}

std::optional<net::WireResponse> AmadeusEmulator::RejectUnauthorized(
    const net::WireRequest& request) const {
  return amadeus::RejectBearer(request, tokens_, Now());
}

net::WireResponse AmadeusEmulator::FlightOffers(const net::WireRequest& request) {
  if (std::optional<net::WireResponse> rejected = RejectUnauthorized(request)) {
    return *std::move(rejected);
  }
  const Days today = static_cast<Days>(Now() / kSecondsPerDay);
  const amadeus::SearchOrIssues search =
      amadeus::ReadSearchCall(request, today, amadeus::MethodOverride::kRequired);
  if (!search) return ErrorResponse(search.error());
  return SearchOffers(*search, options_.offers_cap);
}

int64_t AmadeusEmulator::Now() const {
  return options_.now_unix_seconds ? options_.now_unix_seconds() : UnixSecondsNow();
}

}  // namespace fareflow::emulators
