#include "server/facade/routes.h"

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "engine/worker_pool.h"
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

// A search that does not run, answered in Amadeus's shape (its 5xx code, 141) with the reason
// fareflow's own API gives (Overloaded, QueuedPastDeadline, ShuttingDown): a 503 an SDK may retry
// a moment later.
net::WireResponse Unavailable(std::string detail) {
  net::WireResponse response =
      amadeus::ErrorResponse(503, amadeus::kSystemError, std::move(detail));
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

net::WireResponse Overloaded() {
  return Unavailable("too many searches are waiting; retry in a moment");
}

net::WireResponse Refused(PoolRefusal why) {
  if (why == PoolRefusal::kClosed) {
    return Unavailable("the server is shutting down; retry in a moment");
  }
  return Unavailable(
      "the search waited for a free search thread until its deadline passed; retry in a moment");
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

std::vector<std::string> AddAmadeusFacadeRoutes(Router& router, const ApiServices& services,
                                                FacadeOptions options) {
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
    // The deadline counts from here: time spent waiting for a search thread is part of it.
    const auto arrived = std::chrono::steady_clock::now();
    const Days today = services.today != 0 ? services.today : TodayUtc();
    amadeus::FlightSearch search;
    if (auto refused = AdmitSearch(*auth, exchange->request(), today, search)) {
      exchange->Respond(*std::move(refused));
      return;
    }
    const SearchCall call{.decode_micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::steady_clock::now() - arrived)
                                               .count(),
                          .deadline_cap = exchange->request().deadline,
                          .arrived = arrived};
    // search.request carries the deadline_ms ToFareflowRequest keeps: the one the search runs by.
    const auto deadline = services.search->Deadline(search.request, arrived, call.deadline_cap);
    std::shared_ptr<net::Exchange> refused = exchange;  // answers if the search never runs
    const bool queued = services.search_pool->TrySubmit(
        [exchange = std::move(exchange), search = std::move(search), services,
         call](simdjson::ondemand::parser&) {
          net::WireResponse response;
          try {
            response = AnswerFacadeSearch(search, services, call);
          } catch (const std::exception& e) {
            response = SystemError(e.what());
          }
          exchange->Respond(std::move(response));
        },
        services.queue_limit, {.deadline = deadline, .refuse = [refused](PoolRefusal why) {
                                 refused->Respond(Refused(why));
                               }});
    if (!queued) {
      refused->Respond(services.search_pool->closed() ? Refused(PoolRefusal::kClosed)
                                                      : Overloaded());
    }
  };
  // Literal paths, like every route's, so that tests/server/api/openapi_test.cc finds them.
  router.Add("GET", "/v2/shopping/flight-offers", flight_offers);
  router.Add("POST", "/v2/shopping/flight-offers", flight_offers);
  return {"/v1/security/oauth2/token", "/v2/shopping/flight-offers"};
}

}  // namespace fareflow::server
