// Client keys, per-key rate limits, search ownership, CORS and security headers, over real HTTP
// on loopback against the API as `fareflow serve` wires it.

#include <chrono>
#include <string>
#include <thread>
#include <utility>

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

constexpr const char* kAllowedOrigin = "https://app.example.com";

// Two API keys (alice, bob) and a scraper's key, each with its secret.
struct Keys {
  MintedKey alice = MintApiKey("alice", 1000, 1000);
  MintedKey bob = MintApiKey("bob", 1000, 1000);
  MintedKey scraper = MintApiKey("prometheus", 1000, 1000, KeyScope::kMetrics);

  AccessOptions Options() const {
    return {.keys = {alice.key, bob.key, scraper.key},
            .cors = {.origins = {kAllowedOrigin, "http://localhost:3000"}}};
  }
};

Headers Bearer(const std::string& secret) { return {{"Authorization", "Bearer " + secret}}; }
Headers ApiKeyHeader(const std::string& secret) { return {{"X-Api-Key", secret}}; }

std::string SearchIdOf(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view id;
  if (parser.parse(body).get(doc) || doc["search_id"].get_string().get(id)) return {};
  return std::string(id);
}

// Runs a search as `headers` and waits until the post-response work has stored it.
std::string StoredSearch(ApiTestServer& server, const Headers& headers) {
  TestResponse r =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":3)"), headers);
  EXPECT_EQ(r.status, 200) << r.body;
  const std::string id = SearchIdOf(r.body);
  for (int i = 0; i < 3000 && server.runtime().store().Find(id) == nullptr; ++i) {
    server.runtime().housekeeper().Drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(server.runtime().store().Find(id), nullptr);
  return id;
}

void ExpectUnauthorized(const TestResponse& r, const std::string& what) {
  ASSERT_TRUE(r.ok()) << what << ": " << r.error;
  EXPECT_EQ(r.status, 401) << what << ": " << r.body;
  EXPECT_EQ(ParseError(r.body).code, "unauthorized") << what << ": " << r.body;
  EXPECT_EQ(r.Header("WWW-Authenticate").rfind("Bearer", 0), 0u) << what;
  EXPECT_EQ(r.Header("Content-Type"), "application/json") << what;
}

class ApiAccessTest : public testing::Test {
 protected:
  Keys keys_;
  ApiTestServer server_{ApiTestServerOptions{.builtin_offers = 50, .access = keys_.Options()}};
};

TEST_F(ApiAccessTest, NoKeyIsRefusedOnEveryRouteButHealth) {
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"POST", "/v1/searches"},
           {"GET", "/v1/searches/srch_00000000000000000000000000000000/offers"},
           {"GET", "/v1/places?query=lon"},
           {"GET", "/metrics"},
           {"GET", "/v2/shopping/flight-offers"},
           {"GET", "/no/such/route"}}) {
    const std::string body = method == "POST" ? RoundTripRequest() : "";
    ExpectUnauthorized(Fetch(server_.port(), method, target, body), method + " " + target);
  }
  EXPECT_EQ(server_.supplier_fetches(), 0);
  TestResponse health = Fetch(server_.port(), "GET", "/v1/health");
  EXPECT_EQ(health.status, 200) << health.body;
}

TEST_F(ApiAccessTest, WrongKeyIsRefused) {
  const std::string wrong = MintApiKey("not configured").secret;
  ExpectUnauthorized(Fetch(server_.port(), "GET", "/v1/places?query=lon", "", Bearer(wrong)),
                     "unknown key as Bearer");
  ExpectUnauthorized(Fetch(server_.port(), "GET", "/v1/places?query=lon", "", ApiKeyHeader(wrong)),
                     "unknown key as X-Api-Key");
  // A configured secret with a byte changed, and under another scheme.
  std::string altered = keys_.alice.secret;
  altered.back() = altered.back() == '0' ? '1' : '0';
  ExpectUnauthorized(Fetch(server_.port(), "GET", "/v1/places?query=lon", "", Bearer(altered)),
                     "altered key");
  ExpectUnauthorized(Fetch(server_.port(), "GET", "/v1/places?query=lon", "",
                           {{"Authorization", "Basic " + keys_.alice.secret}}),
                     "Basic scheme");
  TestResponse r = Fetch(server_.port(), "GET", "/v1/places?query=lon", "", Bearer(wrong));
  EXPECT_NE(r.Header("WWW-Authenticate").find("invalid_token"), std::string::npos);
}

TEST_F(ApiAccessTest, RightKeyByEitherHeaderIsAdmitted) {
  TestResponse bearer = Fetch(server_.port(), "POST", "/v1/searches",
                              RoundTripRequest(R"(,"limit":2)"), Bearer(keys_.alice.secret));
  EXPECT_EQ(bearer.status, 200) << bearer.body;
  TestResponse header = Fetch(server_.port(), "POST", "/v1/searches",
                              RoundTripRequest(R"(,"limit":2)"), ApiKeyHeader(keys_.bob.secret));
  EXPECT_EQ(header.status, 200) << header.body;
  TestResponse places = Fetch(server_.port(), "GET", "/v1/places?query=lon", "",
                              {{"authorization", "bearer " + keys_.alice.secret}});
  EXPECT_EQ(places.status, 200) << places.body;
  // The same request without the key is refused: the key is what admitted it.
  EXPECT_EQ(Fetch(server_.port(), "GET", "/v1/places?query=lon").status, 401);
}

TEST_F(ApiAccessTest, AnotherKeysSearchIsNotFound) {
  const std::string id = StoredSearch(server_, Bearer(keys_.alice.secret));
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(server_.runtime().store().Find(id)->owner, keys_.alice.key.id);
  const std::string offers = "/v1/searches/" + id + "/offers";
  const std::string refine = offers + "?sort=cheapest&max_stops=1";

  TestResponse own = Fetch(server_.port(), "GET", offers, "", Bearer(keys_.alice.secret));
  ASSERT_EQ(own.status, 200) << own.body;
  TestResponse own_refine = Fetch(server_.port(), "GET", refine, "", Bearer(keys_.alice.secret));
  EXPECT_EQ(own_refine.status, 200) << own_refine.body;

  for (const std::string& target : {offers, refine, offers + "/off_0000000000000000"}) {
    TestResponse other = Fetch(server_.port(), "GET", target, "", Bearer(keys_.bob.secret));
    EXPECT_EQ(other.status, 404) << target << ": " << other.body;
    const ErrorBody error = ParseError(other.body);
    EXPECT_EQ(error.code, "not_found") << other.body;
    EXPECT_EQ(error.field, "search_id") << other.body;
  }
  // The 404 of another's search is the 404 of a search that does not exist.
  TestResponse unknown =
      Fetch(server_.port(), "GET", "/v1/searches/srch_00000000000000000000000000000000/offers", "",
            Bearer(keys_.bob.secret));
  EXPECT_EQ(unknown.status, 404);
}

TEST_F(ApiAccessTest, MetricsTakeTheScrapersKeyOnly) {
  TestResponse scraper = Fetch(server_.port(), "GET", "/metrics", "", Bearer(keys_.scraper.secret));
  EXPECT_EQ(scraper.status, 200) << scraper.body;
  TestResponse api_key = Fetch(server_.port(), "GET", "/metrics", "", Bearer(keys_.alice.secret));
  EXPECT_EQ(api_key.status, 403) << api_key.body;
  TestResponse search = Fetch(server_.port(), "POST", "/v1/searches", RoundTripRequest(),
                              Bearer(keys_.scraper.secret));
  EXPECT_EQ(search.status, 403) << search.body;
  EXPECT_EQ(ParseError(search.body).code, "forbidden");
}

TEST(ApiAccessRateTest, OverTheRateLimitIs429WithRetryAfter) {
  // Two requests at once, then one every 100 s: the third request must wait about 100 s.
  const MintedKey slow = MintApiKey("slow", 0.01, 2);
  const MintedKey other = MintApiKey("other", 0.01, 2);
  ApiTestServer server(
      ApiTestServerOptions{.builtin_offers = 50, .access = {.keys = {slow.key, other.key}}});
  for (int i = 0; i < 2; ++i) {
    TestResponse r = Fetch(server.port(), "GET", "/v1/places?query=lon", "", Bearer(slow.secret));
    EXPECT_EQ(r.status, 200) << "request " << i << ": " << r.body;
  }
  TestResponse limited =
      Fetch(server.port(), "GET", "/v1/places?query=lon", "", Bearer(slow.secret));
  ASSERT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(ParseError(limited.body).code, "rate_limited");
  const int retry_after = std::stoi(limited.Header("Retry-After"));
  EXPECT_GE(retry_after, 99);
  EXPECT_LE(retry_after, 100);
  // The limit is the key's own: another key still gets through, and health stays open.
  TestResponse other_key =
      Fetch(server.port(), "GET", "/v1/places?query=lon", "", Bearer(other.secret));
  EXPECT_EQ(other_key.status, 200) << other_key.body;
  EXPECT_EQ(Fetch(server.port(), "GET", "/v1/health").status, 200);
}

TEST_F(ApiAccessTest, AllowedOriginGetsCorsHeaders) {
  Headers headers = Bearer(keys_.alice.secret);
  headers.emplace_back("Origin", kAllowedOrigin);
  headers.emplace_back("Accept-Encoding", "gzip");
  TestResponse r = Fetch(server_.port(), "POST", "/v1/searches", RoundTripRequest(), headers);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), kAllowedOrigin);
  // A gzipped answer varies by both.
  EXPECT_EQ(r.Header("Content-Encoding"), "gzip");
  EXPECT_NE(r.Header("Vary").find("Origin"), std::string::npos) << r.Header("Vary");
  EXPECT_NE(r.Header("Vary").find("Accept-Encoding"), std::string::npos) << r.Header("Vary");
  EXPECT_NE(r.Header("Access-Control-Expose-Headers").find("Retry-After"), std::string::npos);

  // Refusals carry them too, so that the page can read why.
  TestResponse refused =
      Fetch(server_.port(), "GET", "/v1/places?query=lon", "", {{"Origin", kAllowedOrigin}});
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.Header("Access-Control-Allow-Origin"), kAllowedOrigin);
}

TEST_F(ApiAccessTest, OtherOriginsGetNoCorsHeaders) {
  // The allowed origin, for contrast: the same request with it is answered with CORS headers.
  TestResponse allowed =
      Fetch(server_.port(), "GET", "/v1/places?query=lon", "",
            {{"Authorization", "Bearer " + keys_.alice.secret}, {"Origin", kAllowedOrigin}});
  ASSERT_EQ(allowed.Header("Access-Control-Allow-Origin"), kAllowedOrigin);
  for (const char* origin : {"https://evil.example.com", "https://app.example.com.evil.net", "null",
                             "https://APP.example.com"}) {
    Headers headers = Bearer(keys_.alice.secret);
    headers.emplace_back("Origin", origin);
    TestResponse r = Fetch(server_.port(), "GET", "/v1/places?query=lon", "", headers);
    EXPECT_EQ(r.status, 200) << origin;
    for (const auto& [name, value] : r.headers) {
      EXPECT_NE(name.rfind("Access-Control-", 0), 0u) << origin << ": " << name << ": " << value;
    }
    TestResponse preflight = Fetch(server_.port(), "OPTIONS", "/v1/searches", "",
                                   {{"Origin", origin}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_NE(preflight.status, 204) << origin;
    EXPECT_FALSE(preflight.HasHeader("Access-Control-Allow-Origin")) << origin;
  }
}

TEST_F(ApiAccessTest, PreflightFromAnAllowedOriginIsAnswered) {
  TestResponse r = Fetch(server_.port(), "OPTIONS", "/v1/searches", "",
                         {{"Origin", "http://localhost:3000"},
                          {"Access-Control-Request-Method", "POST"},
                          {"Access-Control-Request-Headers", "authorization, content-type"}});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "http://localhost:3000");
  EXPECT_NE(r.Header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  const std::string allowed = r.Header("Access-Control-Allow-Headers");
  for (const char* header : {"Authorization", "X-Api-Key", "Content-Type"}) {
    EXPECT_NE(allowed.find(header), std::string::npos) << header << " in " << allowed;
  }
  EXPECT_EQ(r.Header("Access-Control-Max-Age"), "600");
  EXPECT_NE(r.Header("Vary").find("Origin"), std::string::npos);
  EXPECT_TRUE(r.body.empty());
}

void ExpectSecurityHeaders(const TestResponse& r, const std::string& what) {
  ASSERT_TRUE(r.ok()) << what << ": " << r.error;
  EXPECT_EQ(r.Header("X-Content-Type-Options"), "nosniff") << what;
  EXPECT_EQ(r.Header("Referrer-Policy"), "no-referrer") << what;
  EXPECT_EQ(r.Header("Content-Security-Policy"), "default-src 'none'; frame-ancestors 'none'")
      << what;
}

TEST_F(ApiAccessTest, EveryAnswerCarriesTheSecurityHeaders) {
  const Headers alice = Bearer(keys_.alice.secret);
  ExpectSecurityHeaders(Fetch(server_.port(), "GET", "/v1/health"), "health");
  ExpectSecurityHeaders(
      Fetch(server_.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":1)"), alice),
      "search");
  ExpectSecurityHeaders(Fetch(server_.port(), "POST", "/v1/searches", "{", alice), "400");
  ExpectSecurityHeaders(Fetch(server_.port(), "GET", "/v1/places?query=lon"), "401");
  ExpectSecurityHeaders(Fetch(server_.port(), "GET", "/nowhere", "", alice), "404");
  ExpectSecurityHeaders(Fetch(server_.port(), "DELETE", "/v1/health"), "405");
  ExpectSecurityHeaders(Fetch(server_.port(), "GET", "/metrics", "", Bearer(keys_.scraper.secret)),
                        "metrics");
  ExpectSecurityHeaders(
      Fetch(server_.port(), "OPTIONS", "/v1/searches", "",
            {{"Origin", kAllowedOrigin}, {"Access-Control-Request-Method", "GET"}}),
      "preflight");
  // The server's own answer to bytes that are not HTTP.
  testing_support::TestHttpConnection raw(server_.port());
  ASSERT_TRUE(raw.WriteRaw("NOT HTTP AT ALL\r\n\r\n"));
  TestResponse bad = raw.ReadResponse();
  EXPECT_EQ(bad.status, 400);
  ExpectSecurityHeaders(bad, "unparseable request");
}

// Without keys the API answers everyone, as before, and searches belong to nobody.
TEST(ApiOpenTest, WithoutKeysEveryoneIsAdmitted) {
  ApiTestServer server(ApiTestServerOptions{.builtin_offers = 50});
  EXPECT_TRUE(server.runtime().access().open());
  const std::string id = StoredSearch(server, {});
  TestResponse offers = Fetch(server.port(), "GET", "/v1/searches/" + id + "/offers");
  EXPECT_EQ(offers.status, 200) << offers.body;
  EXPECT_FALSE(offers.HasHeader("Access-Control-Allow-Origin"));
  ExpectSecurityHeaders(offers, "open API");
}

}  // namespace
}  // namespace fareflow::server
