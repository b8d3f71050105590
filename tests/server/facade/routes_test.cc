// The Amadeus-compatible facade over real HTTP on loopback: tokens, searches by GET and POST read
// back by fareflow's own Amadeus parser, and every refusal in Amadeus's shapes.

#include "server/facade/routes.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/arena.h"
#include "core/money.h"
#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "net/http_server.h"
#include "refdata/fx_rates.h"
#include "server/routes/search_handler.h"
#include "suppliers/amadeus/offers_parser.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

constexpr char kOffers[] = "/v2/shopping/flight-offers";
constexpr char kToken[] = "/v1/security/oauth2/token";

// The facade with the test's options and clock (the test moves it for token expiry), and
// POST /v1/searches to compare with, on a free loopback port. MakeApiRouter is not used: its
// facade takes its options from the environment. The server stops before the router, pool and
// services it uses are destroyed.
class FacadeTestServer {
 public:
  explicit FacadeTestServer(FacadeOptions options = {}) {
    options.now_unix_seconds = [now = now_] { return now->load(); };
    router_.Add("POST", "/v1/searches", MakeSearchHandler(services_));
    AddAmadeusFacadeRoutes(router_, services_, std::move(options));
    server_ = std::make_unique<net::HttpServer>(
        net::HttpServerOptions{},
        [this](std::shared_ptr<net::Exchange> e) { router_.Handle(std::move(e)); });
    Result<void> started = server_->Start();
    EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  }
  ~FacadeTestServer() { server_->Stop(); }

  uint16_t port() const { return server_->port(); }
  void Advance(int64_t seconds) { *now_ += seconds; }

  // A token for `id`/`secret`; empty when refused.
  std::string Token(const std::string& id = "app", const std::string& secret = "s3cret") {
    TestResponse r =
        Fetch(port(), "POST", kToken,
              "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret,
              {{"Content-Type", "application/x-www-form-urlencoded"}});
    simdjson::dom::parser parser;
    std::string_view token;
    if (r.status != 200 || parser.parse(r.body)["access_token"].get_string().get(token)) return {};
    return std::string(token);
  }

  TestResponse Get(const std::string& query, const std::string& token) {
    return Fetch(port(), "GET", std::string(kOffers) + "?" + query, "",
                 {{"Authorization", "Bearer " + token}});
  }

 private:
  std::shared_ptr<std::atomic<int64_t>> now_ =
      std::make_shared<std::atomic<int64_t>>(1'800'000'000);
  WorkerPool pool_{2};
  BuiltinSource source_{300};
  SearchService search_{source_, refdata::FxRates::Builtin(), {}};
  ApiServices services_{.search = &search_, .search_pool = &pool_};
  Router router_;
  std::unique_ptr<net::HttpServer> server_;
};

// LON-NYC in 40 days, back a week later, two adults, in EUR.
std::string RoundTripQuery(const std::string& extra = "") {
  return "originLocationCode=LON&destinationLocationCode=NYC&departureDate=" + DaysFromNow(40) +
         "&returnDate=" + DaysFromNow(47) + "&adults=2&currencyCode=EUR" + extra;
}

// The first issue of an Amadeus error envelope.
struct FirstRouteIssue {
  int64_t status = 0;
  int64_t code = 0;
  std::string parameter;
  std::string pointer;
};

FirstRouteIssue ReadFirstRouteIssue(const std::string& body) {
  FirstRouteIssue out;
  simdjson::dom::parser parser;
  simdjson::dom::element issue;
  if (parser.parse(body)["errors"].at(0).get(issue)) return out;
  std::string_view s;
  EXPECT_FALSE(issue["status"].get_int64().get(out.status)) << body;
  EXPECT_FALSE(issue["code"].get_int64().get(out.code)) << body;
  if (!issue["source"]["parameter"].get_string().get(s)) out.parameter = s;
  if (!issue["source"]["pointer"].get_string().get(s)) out.pointer = s;
  return out;
}

// Checks a 200 flight-offers body the way a client would read it: the spec's top-level shape,
// meta.count == data size <= `max`, grand totals ascending, every carrier, aircraft and location
// of the segments in the dictionaries. Returns the grand totals in minor units.
std::vector<int64_t> CheckOffersShape(const std::string& body, std::size_t max) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  EXPECT_FALSE(parser.parse(body).get(root)) << body.substr(0, 300);
  simdjson::dom::array data;
  int64_t count = -1;
  EXPECT_FALSE(root["data"].get_array().get(data));
  EXPECT_FALSE(root["meta"]["count"].get_int64().get(count));
  EXPECT_EQ(static_cast<std::size_t>(count), data.size());
  EXPECT_LE(data.size(), max);
  simdjson::dom::object carriers, aircraft, locations;
  EXPECT_FALSE(root["dictionaries"]["carriers"].get_object().get(carriers));
  EXPECT_FALSE(root["dictionaries"]["aircraft"].get_object().get(aircraft));
  EXPECT_FALSE(root["dictionaries"]["locations"].get_object().get(locations));
  std::vector<int64_t> totals;
  for (simdjson::dom::element offer : data) {
    std::string_view grand_total;
    EXPECT_FALSE(offer["price"]["grandTotal"].get_string().get(grand_total));
    totals.push_back(ParseDecimalMinor(grand_total, 2).value_or(-1));
    for (simdjson::dom::element itinerary : offer["itineraries"].get_array()) {
      for (simdjson::dom::element segment : itinerary["segments"].get_array()) {
        std::string_view code;
        EXPECT_FALSE(segment["carrierCode"].get_string().get(code));
        EXPECT_FALSE(carriers[code].error()) << "carrier " << code;
        if (!segment["operating"]["carrierCode"].get_string().get(code)) {
          EXPECT_FALSE(carriers[code].error()) << "operating carrier " << code;
        }
        EXPECT_FALSE(segment["aircraft"]["code"].get_string().get(code));
        EXPECT_FALSE(aircraft[code].error()) << "aircraft " << code;
        for (const char* end : {"departure", "arrival"}) {
          EXPECT_FALSE(segment[end]["iataCode"].get_string().get(code));
          EXPECT_FALSE(locations[code].error()) << "location " << code;
        }
      }
    }
  }
  for (std::size_t i = 1; i < totals.size(); ++i) {
    EXPECT_LE(totals[i - 1], totals[i]) << "offer " << i << " is cheaper than the one before";
  }
  return totals;
}

// How many offers fareflow's Amadeus parser reads from `body`, failing on any dropped.
std::size_t ParseBack(const std::string& body) {
  simdjson::padded_string payload(body);
  simdjson::ondemand::parser parser;
  Arena arena;
  OfferBatch batch{arena.resource()};
  SearchRequest request;  // the enricher needs a currency and passengers only
  request.passengers.adults = 2;
  const Enricher enricher(request, refdata::FxRates::Builtin());
  const Result<void> parsed =
      amadeus::ParseFlightOffers(payload, parser, enricher, arena, 0, batch);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(batch.dropped_total(), 0) << batch.first_drop_detail;
  return batch.offers.size();
}

std::size_t DataSize(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::array data;
  if (parser.parse(body)["data"].get_array().get(data)) return 0;
  return data.size();
}

TEST(AmadeusFacadeTest, TokenAnswersAmadeusShape) {
  FacadeTestServer server;
  TestResponse r = Fetch(server.port(), "POST", kToken,
                         "grant_type=client_credentials&client_id=app&client_secret=s3cret",
                         {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
  std::string_view type, token_type, token;
  int64_t expires_in = 0;
  EXPECT_FALSE(doc["type"].get_string().get(type));
  EXPECT_FALSE(doc["token_type"].get_string().get(token_type));
  EXPECT_FALSE(doc["access_token"].get_string().get(token));
  EXPECT_FALSE(doc["expires_in"].get_int64().get(expires_in));
  EXPECT_EQ(type, "amadeusOAuth2Token");
  EXPECT_EQ(token_type, "Bearer");
  EXPECT_EQ(token.size(), 30u);
  EXPECT_EQ(expires_in, 1799);
}

TEST(AmadeusFacadeTest, DevelopmentModeAdmitsAnyNonEmptyPairOnly) {
  FacadeTestServer server;
  EXPECT_FALSE(server.Token("anyone", "anything").empty());
  TestResponse r = Fetch(server.port(), "POST", kToken,
                         "grant_type=client_credentials&client_id=anyone&client_secret=");
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_NE(r.body.find("\"invalid_client\""), std::string::npos) << r.body;
}

TEST(AmadeusFacadeTest, ConfiguredClientsAloneAreAdmitted) {
  FacadeTestServer server({.clients = {{"app", "s3cret"}}, .token_ttl_seconds = 60});
  EXPECT_FALSE(server.Token("app", "s3cret").empty());
  for (const char* body : {"grant_type=client_credentials&client_id=app&client_secret=wrong",
                           "grant_type=client_credentials&client_id=other&client_secret=s3cret",
                           "grant_type=client_credentials&client_id=app"}) {
    TestResponse r = Fetch(server.port(), "POST", kToken, body);
    EXPECT_EQ(r.status, 401) << body;
    EXPECT_NE(r.body.find("\"error\":\"invalid_client\""), std::string::npos) << r.body;
  }
  TestResponse r = Fetch(server.port(), "POST", kToken,
                         "grant_type=password&client_id=app&client_secret=s3cret");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("unsupported_grant_type"), std::string::npos) << r.body;
}

TEST(AmadeusFacadeTest, GetSearchAnswersSpecShapeThatOurParserReadsWhole) {
  FacadeTestServer server;
  const std::string token = server.Token();
  ASSERT_FALSE(token.empty());
  TestResponse r = server.Get(RoundTripQuery("&max=40"), token);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_EQ(r.Header("Content-Type"), "application/vnd.amadeus+json");
  EXPECT_NE(r.Header("Server-Timing").find("serialize;dur="), std::string::npos);
  const std::vector<int64_t> totals = CheckOffersShape(r.body, 40);
  EXPECT_EQ(totals.size(), 40u) << "the built-in supplier has more than 40 offers on this route";
  EXPECT_EQ(ParseBack(r.body), totals.size());
}

TEST(AmadeusFacadeTest, MaxDefaultsToTheSpecs250) {
  FacadeTestServer server;
  TestResponse r = server.Get(RoundTripQuery(), server.Token());
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  const std::size_t n = CheckOffersShape(r.body, 250).size();
  EXPECT_GT(n, 0u);
  EXPECT_EQ(ParseBack(r.body), n);
}

TEST(AmadeusFacadeTest, ChildrenAndInfantsArePriced) {
  FacadeTestServer server;
  TestResponse r = server.Get(RoundTripQuery("&children=1&infants=1&max=5"), server.Token());
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
  EXPECT_NE(r.body.find("\"travelerType\":\"CHILD\""), std::string::npos);
  EXPECT_NE(r.body.find("\"travelerType\":\"HELD_INFANT\""), std::string::npos);
  EXPECT_EQ(ParseBack(r.body), CheckOffersShape(r.body, 5).size());
}

TEST(AmadeusFacadeTest, NonStopAndMaxPriceAreHonoured) {
  FacadeTestServer server;
  const std::string token = server.Token();
  TestResponse direct = server.Get(RoundTripQuery("&nonStop=true&max=20"), token);
  ASSERT_EQ(direct.status, 200) << direct.body.substr(0, 500);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  ASSERT_FALSE(parser.parse(direct.body).get(root));
  for (simdjson::dom::element offer : root["data"].get_array()) {
    for (simdjson::dom::element itinerary : offer["itineraries"].get_array()) {
      EXPECT_EQ(itinerary["segments"].get_array().size(), 1u);
    }
  }

  // Half the cheapest grand total per traveler leaves nothing; twice it keeps the cheapest.
  TestResponse all = server.Get(RoundTripQuery("&max=1"), token);
  const std::vector<int64_t> cheapest = CheckOffersShape(all.body, 1);
  ASSERT_EQ(cheapest.size(), 1u);
  const int64_t per_traveler_units = cheapest[0] / 2 / 100;
  TestResponse none =
      server.Get(RoundTripQuery("&maxPrice=" + std::to_string(per_traveler_units / 2)), token);
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(DataSize(none.body), 0u);
  TestResponse some =
      server.Get(RoundTripQuery("&maxPrice=" + std::to_string(per_traveler_units * 2)), token);
  ASSERT_EQ(some.status, 200) << some.body;
  EXPECT_EQ(CheckOffersShape(some.body, 250).front(), cheapest[0]);
}

std::string PostBody(int max) {
  return R"({"currencyCode":"EUR","originDestinations":[)"
         R"({"id":"1","originLocationCode":"LON","destinationLocationCode":"NYC",)"
         R"("departureDateTimeRange":{"date":")" +
         DaysFromNow(40) +
         R"("}}],"travelers":[{"id":"1","travelerType":"ADULT"}],"sources":["GDS"],)"
         R"("searchCriteria":{"maxFlightOffers":)" +
         std::to_string(max) + "}}";
}

TEST(AmadeusFacadeTest, PostBodySearchWithOrWithoutOverride) {
  FacadeTestServer server;
  const std::string token = server.Token();
  for (bool with_override : {true, false}) {
    testing_support::Headers headers = {{"Authorization", "Bearer " + token},
                                        {"Content-Type", "application/vnd.amadeus+json"}};
    if (with_override) headers.emplace_back("X-HTTP-Method-Override", "GET");
    TestResponse r = Fetch(server.port(), "POST", kOffers, PostBody(7), headers);
    ASSERT_EQ(r.status, 200) << r.body.substr(0, 500);
    const std::size_t n = CheckOffersShape(r.body, 7).size();
    EXPECT_EQ(n, 7u);
    EXPECT_EQ(ParseBack(r.body), n);
  }
  TestResponse r = Fetch(server.port(), "POST", kOffers, PostBody(7),
                         {{"Authorization", "Bearer " + token}, {"X-HTTP-Method-Override", "PUT"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ReadFirstRouteIssue(r.body).parameter, "X-HTTP-Method-Override") << r.body;
}

TEST(AmadeusFacadeTest, PostBodyIssueNamesItsPointer) {
  FacadeTestServer server;
  std::string body = PostBody(7);
  body.replace(body.find("\"LON\""), 5, "\"ZZ\"");
  TestResponse r =
      Fetch(server.port(), "POST", kOffers, body, {{"Authorization", "Bearer " + server.Token()}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ReadFirstRouteIssue(r.body).pointer, "/originDestinations/0/originLocationCode")
      << r.body;
}

TEST(AmadeusFacadeTest, PostBodyKeyGivenTwiceIs400NamingItsPointer) {
  FacadeTestServer server;
  // The second maxFlightOffers would be dropped without a word by a reader that takes the first.
  std::string body = PostBody(7);
  body.insert(body.size() - 2, R"(,"maxFlightOffers":250)");  // inside searchCriteria
  TestResponse r =
      Fetch(server.port(), "POST", kOffers, body, {{"Authorization", "Bearer " + server.Token()}});
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(ReadFirstRouteIssue(r.body).pointer, "/searchCriteria/maxFlightOffers") << r.body;
}

TEST(AmadeusFacadeTest, MissingMalformedUnknownAndExpiredTokensAre401) {
  FacadeTestServer server({.token_ttl_seconds = 60});
  const std::string token = server.Token();

  TestResponse none = Fetch(server.port(), "GET", std::string(kOffers) + "?" + RoundTripQuery());
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(ReadFirstRouteIssue(none.body).code, 38191) << none.body;
  TestResponse basic = Fetch(server.port(), "GET", std::string(kOffers) + "?" + RoundTripQuery(),
                             "", {{"Authorization", "Basic " + token}});
  EXPECT_EQ(ReadFirstRouteIssue(basic.body).code, 38191) << basic.body;

  TestResponse unknown = server.Get(RoundTripQuery(), "not-a-token-we-issued");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(ReadFirstRouteIssue(unknown.body).code, 38190) << unknown.body;

  server.Advance(59);
  EXPECT_EQ(server.Get(RoundTripQuery("&max=1"), token).status, 200);
  server.Advance(1);
  TestResponse expired = server.Get(RoundTripQuery(), token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(ReadFirstRouteIssue(expired.body).code, 38192) << expired.body;
}

TEST(AmadeusFacadeTest, MissingOriginIs400NamingTheParameter) {
  FacadeTestServer server;
  TestResponse r = server.Get(
      "destinationLocationCode=NYC&departureDate=" + DaysFromNow(40) + "&adults=1", server.Token());
  ASSERT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/vnd.amadeus+json");
  const FirstRouteIssue issue = ReadFirstRouteIssue(r.body);
  EXPECT_EQ(issue.status, 400);
  EXPECT_EQ(issue.code, 32171);
  EXPECT_EQ(issue.parameter, "originLocationCode");
}

TEST(AmadeusFacadeTest, DateBeyondFareflowsHorizonIs425) {
  FacadeTestServer server;
  TestResponse r =
      server.Get("originLocationCode=LON&destinationLocationCode=NYC&adults=1&departureDate=" +
                     DaysFromNow(400),
                 server.Token());
  ASSERT_EQ(r.status, 400) << r.body;
  const FirstRouteIssue issue = ReadFirstRouteIssue(r.body);
  EXPECT_EQ(issue.code, 425);
  EXPECT_EQ(issue.parameter, "departureDate");
}

TEST(AmadeusFacadeTest, CheapestEqualsTheV1SearchsCheapest) {
  FacadeTestServer server;
  TestResponse facade = server.Get(RoundTripQuery("&max=3"), server.Token());
  ASSERT_EQ(facade.status, 200) << facade.body.substr(0, 500);
  const std::vector<int64_t> totals = CheckOffersShape(facade.body, 3);
  ASSERT_FALSE(totals.empty());

  TestResponse v1 = Fetch(server.port(), "POST", "/v1/searches",
                          RoundTripRequest(R"(,"currency":"EUR","sort":"cheapest","limit":1)"));
  ASSERT_EQ(v1.status, 200) << v1.body.substr(0, 500);
  simdjson::dom::parser parser;
  std::string_view amount;
  ASSERT_FALSE(parser.parse(v1.body)["offers"].at(0)["price"]["amount"].get_string().get(amount));
  EXPECT_EQ(ParseDecimalMinor(amount, 2).value_or(-1), totals.front());
}

TEST(AmadeusFacadeTest, TheApiRouterServesTheFacade) {
  ApiTestServer server;
  EXPECT_EQ(Fetch(server.port(), "GET", "/v1/health").status, 200);
  EXPECT_EQ(Fetch(server.port(), "GET", std::string(kOffers) + "?" + RoundTripQuery()).status, 401);
  TestResponse r = Fetch(server.port(), "DELETE", kOffers);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD, POST");
}

}  // namespace
}  // namespace fareflow::server
