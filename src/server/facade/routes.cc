#include "server/facade/routes.h"

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "server/facade/auth.h"
#include "server/facade/query.h"
#include "server/facade/search.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::server {
namespace {

// Answers an unexpected failure in Amadeus's shape rather than dropping the connection.
net::WireResponse SystemError(const char* what) {
  return amadeus::ErrorResponse(500, amadeus::kSystemError, what);
}

// Checks the token and reads the call into `search`; the answer when it must be refused, nullopt
// when the search may run. Runs on the io thread: it takes microseconds.
std::optional<net::WireResponse> AdmitSearch(const FacadeAuth& auth,
                                             const net::WireRequest& request, Days today,
                                             amadeus::FlightSearch& search) {
  try {
    if (std::optional<net::WireResponse> rejected = auth.Reject(request)) return rejected;
    amadeus::SearchOrIssues read = ReadFacadeSearch(request, today);
    if (!read) return amadeus::ErrorResponse(read.error());
    search = std::move(*read);
    return std::nullopt;
  } catch (const std::exception& e) {
    return SystemError(e.what());
  }
}

}  // namespace

void AddAmadeusFacadeRoutes(Router& router, const ApiServices& services, FacadeOptions options) {
  auto auth = std::make_shared<FacadeAuth>(std::move(options));
  router.Add("POST", "/v1/security/oauth2/token", [auth](std::shared_ptr<net::Exchange> exchange) {
    net::WireResponse response;
    try {
      response = auth->IssueToken(exchange->request());
    } catch (const std::exception& e) {
      response = SystemError(e.what());
    }
    exchange->Respond(std::move(response));
  });
  auto flight_offers = [auth, services](std::shared_ptr<net::Exchange> exchange) {
    const auto start = std::chrono::steady_clock::now();
    const Days today = services.today != 0 ? services.today : TodayUtc();
    amadeus::FlightSearch search;
    if (auto refused = AdmitSearch(*auth, exchange->request(), today, search)) {
      exchange->Respond(*std::move(refused));
      return;
    }
    const int64_t decode_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - start)
                                      .count();
    services.search_pool->Submit([exchange = std::move(exchange), search = std::move(search),
                                  services, decode_micros](simdjson::ondemand::parser&) {
      net::WireResponse response;
      try {
        response = AnswerFacadeSearch(search, services, decode_micros);
      } catch (const std::exception& e) {
        response = SystemError(e.what());
      }
      exchange->Respond(std::move(response));
    });
  };
  // Literal paths, like every route's, so that tests/server/api/openapi_test.cc finds them.
  router.Add("GET", "/v2/shopping/flight-offers", flight_offers);
  router.Add("POST", "/v2/shopping/flight-offers", flight_offers);
}

}  // namespace fareflow::server
