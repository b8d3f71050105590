#ifndef FAREFLOW_TESTS_SUPPORT_API_TEST_SERVER_H_
#define FAREFLOW_TESTS_SUPPORT_API_TEST_SERVER_H_

// The fareflow HTTP API in-process on a free loopback port, for tests that speak real HTTP to it,
// and helpers to build requests and read answers.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "calendar/calendar.h"
#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/access/security_headers.h"
#include "server/api/api_router.h"
#include "server/api/api_runtime.h"
#include "support/counting_source.h"
#include "support/dates.h"

namespace fareflow::server {

struct ApiTestServerOptions {
  int builtin_offers = 300;  // fewer than `fareflow serve` generates, for speed
  std::size_t store_max_bytes = std::size_t{512} << 20;
  std::string search_log_path;  // empty = no search log
  std::size_t max_answer_bytes = kDefaultMaxAnswerBytes;
  AccessOptions access;  // client keys and CORS; none by default: the API is open
  FacadeOptions facade;  // the Amadeus facade's clients; none by default (development mode)
  // Searches ask this source instead of the counting built-in one (a GatedSource to hold them);
  // it must outlive the server. The price calendar keeps the built-in one.
  SupplierSource* source = nullptr;
};

// Starts the API as `fareflow serve` wires it -- search service, search store, housekeeper,
// metrics, access control and security headers, optionally a search log -- on the built-in supplier
// behind a CountingSource, which the price calendar asks too. The store tells time by the system
// clock moved by AdvanceClock(). The server stops first, then the search pool finishes, then the
// housekeeper drains, so that nothing outlives what it uses.
class ApiTestServer {
 public:
  explicit ApiTestServer(int builtin_offers = 300)
      : ApiTestServer(ApiTestServerOptions{.builtin_offers = builtin_offers}) {}
  explicit ApiTestServer(ApiTestServerOptions options)
      : runtime_(MakeRuntime(options)),
        builtin_(options.builtin_offers),
        counting_(builtin_),
        search_(options.source != nullptr ? *options.source : counting_,
                refdata::FxRates::Builtin(), {}),
        calendar_(counting_, refdata::FxRates::Builtin(), {}),
        services_(MakeServices(options)),
        router_(MakeApiRouter(services_, options.facade)),
        server_(std::make_unique<net::HttpServer>(
            net::HttpServerOptions{.default_headers = ApiSecurityHeaders()},
            [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); })) {
    Result<void> started = server_->Start();
    EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  }
  ~ApiTestServer() { server_->Stop(); }

  uint16_t port() const { return server_->port(); }
  const ApiServices& services() const { return services_; }
  ApiRuntime& runtime() { return *runtime_; }
  // Supplier fetches so far: one per search that reached the suppliers.
  int supplier_fetches() const { return counting_.fetches(); }
  // Moves the store's clock forward (expiry tests).
  void AdvanceClock(std::chrono::seconds by) { clock_skew_seconds_ += by.count(); }

 private:
  std::unique_ptr<ApiRuntime> MakeRuntime(const ApiTestServerOptions& options) {
    Result<std::unique_ptr<ApiRuntime>> runtime =
        ApiRuntime::Create({.store_max_bytes = options.store_max_bytes,
                            .search_log_path = options.search_log_path,
                            .clock =
                                [this] {
                                  return std::chrono::system_clock::now() +
                                         std::chrono::seconds(clock_skew_seconds_.load());
                                },
                            .access = options.access});
    EXPECT_TRUE(runtime.has_value()) << (runtime ? "" : runtime.error().message);
    return runtime ? std::move(*runtime) : nullptr;
  }
  ApiServices MakeServices(const ApiTestServerOptions& options) {
    ApiServices services{.search = &search_,
                         .calendar = &calendar_,
                         .search_pool = &pool_,
                         .max_answer_bytes = options.max_answer_bytes};
    if (runtime_) runtime_->Wire(services);
    return services;
  }

  std::atomic<int64_t> clock_skew_seconds_{0};
  std::unique_ptr<ApiRuntime> runtime_;  // before the pool: searches finishing late post to it
  WorkerPool pool_{2};
  BuiltinSource builtin_;
  CountingSource counting_;
  SearchService search_;
  CalendarService calendar_;
  ApiServices services_;
  Router router_;
  std::unique_ptr<net::HttpServer> server_;
};

using testing_support::DaysFromNow;

// A v1 round-trip request LON-NYC leaving in 40 days, back a week later; `extra` is appended
// inside the top-level object (",\"limit\":5").
inline std::string RoundTripRequest(const std::string& extra = "") {
  return R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":")" + DaysFromNow(40) +
         R"("},{"origin":"NYC","destination":"LON","departure_date":")" + DaysFromNow(47) +
         R"("}],"passengers":{"adults":2})" + extra + "}";
}

// The error object of an error answer: code, field (empty when absent).
struct ErrorBody {
  std::string code;
  std::string message;
  std::string field;
};

inline ErrorBody ParseError(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ErrorBody out;
  if (parser.parse(body).get(doc)) return out;
  std::string_view code, message, field;
  if (!doc["error"]["code"].get_string().get(code)) out.code = code;
  if (!doc["error"]["message"].get_string().get(message)) out.message = message;
  if (!doc["error"]["field"].get_string().get(field)) out.field = field;
  return out;
}

}  // namespace fareflow::server

#endif  // FAREFLOW_TESTS_SUPPORT_API_TEST_SERVER_H_
