#include "server/facade/routes.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "engine/stage_timings.h"
#include "engine/worker_pool.h"
#include "server/facade/auth.h"
#include "server/facade/dates_links.h"
#include "server/facade/flight_dates.h"
#include "server/facade/query.h"
#include "server/facade/search.h"
#include "server/facade/unknown_paths.h"
#include "suppliers/amadeus/server/flight_dates_query.h"
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

// Runs `work` on services.search_pool and answers with what it returns; answers 503 when it does
// not run (the queue is full, `deadline` passes while it waits, the pool closes).
void RunOnSearchPool(const ApiServices& services, std::shared_ptr<net::Exchange> exchange,
                     std::chrono::steady_clock::time_point deadline,
                     std::function<net::WireResponse()> work) {
  std::shared_ptr<net::Exchange> refused = exchange;  // answers if the work never runs
  const bool queued = services.search_pool->TrySubmit(
      [exchange = std::move(exchange), work = std::move(work)](simdjson::ondemand::parser&) {
        net::WireResponse response;
        try {
          response = work();
        } catch (const std::exception& e) {
          response = SystemError(e.what());
        }
        exchange->Respond(std::move(response));
      },
      services.queue_limit, {.deadline = deadline, .refuse = [refused](PoolRefusal why) {
                               refused->Respond(Refused(why));
                             }});
  if (!queued) {
    refused->Respond(services.search_pool->closed() ? Refused(PoolRefusal::kClosed) : Overloaded());
  }
}

// The longest a cached-price call waits for a search thread: it takes milliseconds once run.
constexpr std::chrono::seconds kCachedPricesWait{10};

using DatesReader = amadeus::DatesQueryOrIssues (*)(const net::WireRequest&, Days);
using DatesAnswer = net::WireResponse (*)(const amadeus::DatesQuery&, const ApiServices&,
                                          const std::string&,
                                          std::chrono::steady_clock::time_point);

// GET /v1/shopping/flight-dates and /v1/shopping/flight-destinations: the token checked and the
// query read on the io thread, the calendars looked up on the search pool.
net::Handler CachedPricesHandler(std::shared_ptr<FacadeAuth> auth, const ApiServices& services,
                                 DatesReader read, DatesAnswer answer) {
  return [auth = std::move(auth), services, read, answer](std::shared_ptr<net::Exchange> exchange) {
    const auto arrived = std::chrono::steady_clock::now();
    const net::WireRequest& request = exchange->request();
    const Days today = services.today != 0 ? services.today : TodayUtc();
    amadeus::DatesQuery query;
    try {
      if (std::optional<net::WireResponse> rejected = auth->Reject(request)) {
        exchange->Respond(*std::move(rejected));
        return;
      }
      amadeus::DatesQueryOrIssues read_query = read(request, today);
      if (!read_query) {
        exchange->Respond(amadeus::ErrorResponse(read_query.error()));
        return;
      }
      query = *read_query;
    } catch (const std::exception& e) {
      exchange->Respond(SystemError(e.what()));
      return;
    }
    const auto deadline_cap = request.deadline;
    const auto wait_until = std::min(deadline_cap, arrived + kCachedPricesWait);
    std::string base_url = FacadeBaseUrl(request);
    RunOnSearchPool(services, std::move(exchange), wait_until,
                    [query, services, base_url = std::move(base_url), deadline_cap, answer] {
                      return answer(query, services, base_url, deadline_cap);
                    });
  };
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
    const SearchCall call{.decode_micros = MicrosSince(arrived),
                          .deadline_cap = exchange->request().deadline,
                          .arrived = arrived};
    // search.request carries the deadline_ms ToFareflowRequest keeps: the one the search runs by.
    const auto deadline = services.search->Deadline(search.request, arrived, call.deadline_cap);
    RunOnSearchPool(services, std::move(exchange), deadline,
                    [search = std::move(search), services, call] {
                      return AnswerFacadeSearch(search, services, call);
                    });
  };
  // Literal paths, like every route's, so that tests/server/api/openapi_test.cc finds them.
  router.Add("GET", "/v2/shopping/flight-offers", flight_offers);
  router.Add("POST", "/v2/shopping/flight-offers", flight_offers);
  router.Add("GET", "/v1/shopping/flight-dates",
             CachedPricesHandler(auth, services, amadeus::ReadFlightDatesQuery, AnswerFlightDates));
  router.Add("GET", "/v1/shopping/flight-destinations",
             CachedPricesHandler(auth, services, amadeus::ReadFlightDestinationsQuery,
                                 AnswerFlightDestinations));
  router.SetMissAnswer(AmadeusMissAnswer);
  return {"/v1/security/oauth2/token", "/v2/shopping/flight-offers", "/v1/shopping/flight-dates",
          "/v1/shopping/flight-destinations"};
}

}  // namespace fareflow::server
