// The Amadeus-compatible facade behind client keys, over real HTTP on loopback against the API as
// `fareflow serve` wires it: with the facade's own clients configured, an Amadeus SDK (which sends
// its bearer token and no X-Api-Key) uses it while every fareflow route still needs a key; without
// them the facade is off, so keys never leave the development mode's any-pair tokens open.

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "server/access/api_key.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::Headers;
using testing_support::TestResponse;

constexpr char kToken[] = "/v1/security/oauth2/token";
constexpr char kOffers[] = "/v2/shopping/flight-offers";

std::string TokenBody(const std::string& id, const std::string& secret) {
  return "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret;
}

std::string OffersQuery() {
  return std::string(kOffers) +
         "?originLocationCode=LON&destinationLocationCode=NYC&departureDate=" + DaysFromNow(40) +
         "&adults=1&max=2";
}

std::string AccessToken(const TestResponse& r) {
  simdjson::dom::parser parser;
  std::string_view token;
  if (r.status != 200 || parser.parse(r.body)["access_token"].get_string().get(token)) return {};
  return std::string(token);
}

int64_t FirstAmadeusCode(const std::string& body) {
  simdjson::dom::parser parser;
  int64_t code = 0;
  if (parser.parse(body)["errors"].at(0)["code"].get_int64().get(code)) return 0;
  return code;
}

// One key that allows two requests per 100 s: enough to show which requests a key's limit counts.
struct KeyedFacade {
  MintedKey key = MintApiKey("alice", 0.01, 2);
  ApiTestServer server{
      ApiTestServerOptions{.builtin_offers = 50,
                           .access = {.keys = {key.key}},
                           .facade = {.clients = {{"amadeus-app", "facade-secret"}}}}};
};

TEST(FacadeBehindKeysTest, TheFacadesOwnOAuthAdmitsAmadeusClientsWithoutAKey) {
  KeyedFacade f;
  const uint16_t port = f.server.port();
  TestResponse token = Fetch(port, "POST", kToken, TokenBody("amadeus-app", "facade-secret"),
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(token.status, 200) << token.body;
  const std::string access_token = AccessToken(token);
  ASSERT_FALSE(access_token.empty()) << token.body;
  // More facade calls than the key's burst: the key's rate limit does not count them.
  for (int i = 0; i < 3; ++i) {
    TestResponse search =
        Fetch(port, "GET", OffersQuery(), "", {{"Authorization", "Bearer " + access_token}});
    EXPECT_EQ(search.status, 200) << search.body.substr(0, 300);
    EXPECT_EQ(search.Header("X-Content-Type-Options"), "nosniff");
  }

  // The facade still refuses what its OAuth refuses, in Amadeus's shapes.
  TestResponse wrong = Fetch(port, "POST", kToken, TokenBody("amadeus-app", "guess"));
  EXPECT_EQ(wrong.status, 401) << wrong.body;
  EXPECT_NE(wrong.body.find("invalid_client"), std::string::npos) << wrong.body;
  TestResponse no_token = Fetch(port, "GET", OffersQuery());
  EXPECT_EQ(no_token.status, 401) << no_token.body;
  EXPECT_EQ(FirstAmadeusCode(no_token.body), 38191) << no_token.body;
  // An API key is not a facade token.
  TestResponse key_as_token =
      Fetch(port, "GET", OffersQuery(), "", {{"Authorization", "Bearer " + f.key.secret}});
  EXPECT_EQ(key_as_token.status, 401) << key_as_token.body;
  EXPECT_EQ(FirstAmadeusCode(key_as_token.body), 38190) << key_as_token.body;

  // Every fareflow route still needs a key: the facade's token is not one.
  TestResponse v1 = Fetch(port, "POST", "/v1/searches", RoundTripRequest(),
                          {{"Authorization", "Bearer " + access_token}});
  EXPECT_EQ(v1.status, 401) << v1.body;
  EXPECT_EQ(ParseError(v1.body).code, "unauthorized") << v1.body;
  EXPECT_EQ(Fetch(port, "GET", "/v1/places?query=lon").status, 401);
  TestResponse keyed = Fetch(port, "POST", "/v1/searches", RoundTripRequest(R"(,"limit":1)"),
                             {{"X-Api-Key", f.key.secret}});
  EXPECT_EQ(keyed.status, 200) << keyed.body;
}

TEST(FacadeBehindKeysTest, WithoutTheFacadesClientsItIsOff) {
  const MintedKey key = MintApiKey("alice", 1000, 1000);
  ApiTestServer server(ApiTestServerOptions{.builtin_offers = 50, .access = {.keys = {key.key}}});
  const uint16_t port = server.port();
  const Headers keyed = {{"X-Api-Key", key.secret}};
  // Development mode would give anyone a token; with keys the facade's paths are unknown ones.
  TestResponse token = Fetch(port, "POST", kToken, TokenBody("anyone", "anything"), keyed);
  EXPECT_EQ(token.status, 404) << token.body;
  EXPECT_EQ(ParseError(token.body).code, "not_found") << token.body;
  EXPECT_EQ(Fetch(port, "GET", OffersQuery(), "", keyed).status, 404);
  EXPECT_EQ(Fetch(port, "POST", kOffers, "{}", keyed).status, 404);
  // Without a key they answer as any unknown path does behind keys.
  EXPECT_EQ(Fetch(port, "POST", kToken, TokenBody("anyone", "anything")).status, 401);
  EXPECT_EQ(server.supplier_fetches(), 0);
}

TEST(FacadeBehindKeysTest, WithoutKeysTheFacadeIsServedInDevelopmentMode) {
  ApiTestServer server(50);
  TestResponse token = Fetch(server.port(), "POST", kToken, TokenBody("anyone", "anything"));
  ASSERT_EQ(token.status, 200) << token.body;
  TestResponse search = Fetch(server.port(), "GET", OffersQuery(), "",
                              {{"Authorization", "Bearer " + AccessToken(token)}});
  EXPECT_EQ(search.status, 200) << search.body.substr(0, 300);
}

}  // namespace
}  // namespace fareflow::server
