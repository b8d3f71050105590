#include "server/routes/places_handler.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "refdata/airports.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

// The codes of the places in a /v1/places answer, in order, as "type:code".
std::vector<std::string> Codes(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::vector<std::string> out;
  if (parser.parse(body).get(doc)) return out;
  simdjson::dom::array places;
  if (doc["places"].get_array().get(places)) return out;
  for (simdjson::dom::element p : places) {
    std::string_view type, code;
    if (p["type"].get_string().get(type) || p["code"].get_string().get(code)) continue;
    out.push_back(std::string(type) + ":" + std::string(code));
  }
  return out;
}

TEST(PlacesHandlerTest, LonFindsTheCityFirstAndHeathrow) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "GET", "/v1/places?query=lon");
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> codes = Codes(r.body);
  ASSERT_FALSE(codes.empty()) << r.body;
  EXPECT_EQ(codes.front(), "city:LON");
  EXPECT_NE(std::find(codes.begin(), codes.end(), "airport:LHR"), codes.end()) << r.body;
  EXPECT_LE(codes.size(), kDefaultPlacesLimit);
}

TEST(PlacesHandlerTest, AirportNameWordFindsHeathrowWithoutCase) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "GET", "/v1/places?query=HeathRow");
  ASSERT_EQ(r.status, 200) << r.body;
  std::vector<std::string> codes = Codes(r.body);
  ASSERT_FALSE(codes.empty()) << r.body;
  EXPECT_EQ(codes.front(), "airport:LHR");
}

TEST(PlacesHandlerTest, MissingOrEmptyQueryIs400) {
  ApiTestServer server;
  for (const char* target : {"/v1/places", "/v1/places?query="}) {
    TestResponse r = Fetch(server.port(), "GET", target);
    EXPECT_EQ(r.status, 400) << target;
    ErrorBody e = ParseError(r.body);
    EXPECT_EQ(e.code, "invalid_argument") << r.body;
    EXPECT_EQ(e.field, "query") << r.body;
  }
}

TEST(PlacesHandlerTest, LimitIsHonouredAndChecked) {
  EXPECT_EQ(FindPlaces("lon", 2).size(), 2u);
  net::WireRequest request;
  request.query = {{"query", "lon"}, {"limit", "0"}};
  net::WireResponse r = AnswerPlaces(request);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ParseError(r.body).field, "limit");
}

TEST(PlacesHandlerTest, LargeAirportsComeBeforeMediumOnes) {
  std::vector<Place> places = FindPlaces("london", 50);
  bool seen_medium = false;
  for (const Place& p : places) {
    if (p.is_city) {
      EXPECT_FALSE(seen_medium);
      continue;
    }
    const refdata::Airport* a = refdata::FindAirport(p.code);
    ASSERT_NE(a, nullptr);
    if (a->size == refdata::AirportSize::kMedium) seen_medium = true;
    if (seen_medium) {
      EXPECT_EQ(a->size, refdata::AirportSize::kMedium) << p.code.str();
    }
  }
}

TEST(PlacesHandlerTest, UnknownQueryFindsNothing) {
  EXPECT_TRUE(FindPlaces("zzzzqqq", 10).empty());
  EXPECT_TRUE(FindPlaces("", 10).empty());
}

}  // namespace
}  // namespace fareflow::server
