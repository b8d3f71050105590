// Paths no route takes: Amadeus's envelope under the facade's prefixes, fareflow's elsewhere.

#include "server/facade/unknown_paths.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/facade/routes.h"
#include "server/routes/health_handler.h"
#include "server/routes/search_handler.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

TEST(UnknownPathsTest, AmadeusOwnsV1AndV2ButFareflowsRoots) {
  for (const char* path :
       {"/v1/shopping/flight-availabilities", "/v1/shopping", "/v2/anything", "/v2",
        "/v1/security/oauth2/token/info", "/v1/reference-data/locations", "/v1", "/v1/"}) {
    EXPECT_TRUE(IsAmadeusPath(path)) << path;
  }
  for (const char* path :
       {"/v1/searches", "/v1/searches/srch_1/offers", "/v1/places", "/v1/health", "/v1/calendars",
        "/v1/calendars/x", "/metrics", "/", "/v10/shopping", "/v1shopping", "/other"}) {
    EXPECT_FALSE(IsAmadeusPath(path)) << path;
  }
}

// The facade beside two of fareflow's own routes, on a free loopback port.
class MixedServer {
 public:
  MixedServer() {
    router_.Add("POST", "/v1/searches", MakeSearchHandler(services_));
    router_.Add("GET", "/v1/health",
                [](std::shared_ptr<net::Exchange> e) { e->Respond(AnswerHealth()); });
    AddAmadeusFacadeRoutes(router_, services_, {});
    server_ = std::make_unique<net::HttpServer>(
        net::HttpServerOptions{},
        [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); });
    Result<void> started = server_->Start();
    EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  }
  ~MixedServer() { server_->Stop(); }
  uint16_t port() const { return server_->port(); }

 private:
  WorkerPool pool_{1};
  BuiltinSource source_{50};
  SearchService search_{source_, refdata::FxRates::Builtin(), {}};
  ApiServices services_{.search = &search_, .search_pool = &pool_};
  Router router_;
  std::unique_ptr<net::HttpServer> server_;
};

// errors[0].status and code of an Amadeus envelope; 0 and 0 when the body is none.
std::pair<int64_t, int64_t> AmadeusIssue(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element issue;
  int64_t status = 0, code = 0;
  if (parser.parse(body)["errors"].at(0).get(issue)) return {0, 0};
  if (issue["status"].get_int64().get(status) || issue["code"].get_int64().get(code)) return {0, 0};
  return {status, code};
}

// error.code of fareflow's envelope; empty when the body is none.
std::string FareflowCode(const std::string& body) {
  simdjson::dom::parser parser;
  std::string_view code;
  if (parser.parse(body)["error"]["code"].get_string().get(code)) return {};
  return std::string(code);
}

TEST(UnknownPathsTest, AnUnknownAmadeusPathIsAmadeusNotFound) {
  MixedServer server;
  for (const char* path : {"/v1/shopping/flight-availabilities", "/v2/shopping/hotel-offers",
                           "/v1/security/nothing", "/v1/reference-data/locations"}) {
    const TestResponse r = Fetch(server.port(), "GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(AmadeusIssue(r.body), std::make_pair(int64_t{404}, int64_t{38196})) << r.body;
    EXPECT_EQ(r.Header("Content-Type"), "application/vnd.amadeus+json") << path;
  }
}

TEST(UnknownPathsTest, AWrongMethodOnAnAmadeusPathIsAmadeusMethodNotAllowed) {
  MixedServer server;
  TestResponse r = Fetch(server.port(), "DELETE", "/v1/shopping/flight-dates");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(AmadeusIssue(r.body), std::make_pair(int64_t{405}, int64_t{38197})) << r.body;
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  r = Fetch(server.port(), "PUT", "/v2/shopping/flight-offers", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(AmadeusIssue(r.body).second, 38197) << r.body;
}

TEST(UnknownPathsTest, FareflowsOwnPathsKeepFareflowsErrors) {
  MixedServer server;
  TestResponse r = Fetch(server.port(), "GET", "/v1/searches/srch_x/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(FareflowCode(r.body), "not_found") << r.body;
  r = Fetch(server.port(), "GET", "/v1/searches");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(FareflowCode(r.body), "method_not_allowed") << r.body;
  r = Fetch(server.port(), "POST", "/v1/health", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(FareflowCode(r.body), "method_not_allowed") << r.body;
  r = Fetch(server.port(), "GET", "/v1/calendars/x");
  EXPECT_EQ(FareflowCode(r.body), "not_found") << r.body;
  r = Fetch(server.port(), "GET", "/nothing");
  EXPECT_EQ(FareflowCode(r.body), "not_found") << r.body;
}

}  // namespace
}  // namespace fareflow::server
