// POST /v1/searches over real HTTP on loopback: answers, paging, and every error path.

#include "server/routes/search_handler.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>
#include <simdjson.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "core/clock.h"
#include "support/api_test_server.h"
#include "support/compact_answer.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

TEST(SearchHandlerTest, ValidSearchAnswersOffersCountsFacetsAndServerTiming) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":5)"),
                         {{"Content-Type", "application/json"}});
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  const std::string timing = r.Header("Server-Timing");
  EXPECT_NE(timing.find("parse_enrich;dur="), std::string::npos) << timing;
  EXPECT_NE(timing.find("dedupe;dur="), std::string::npos) << timing;
  EXPECT_NE(timing.find("serialize;dur="), std::string::npos) << timing;

  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
  simdjson::dom::array offers;
  ASSERT_FALSE(doc["offers"].get_array().get(offers));
  EXPECT_EQ(offers.size(), 5u);
  int64_t received = 0, returned = 0;
  ASSERT_FALSE(doc["counts"]["received"].get_int64().get(received));
  ASSERT_FALSE(doc["counts"]["returned"].get_int64().get(returned));
  EXPECT_GT(received, 0);
  EXPECT_EQ(returned, 5);
  simdjson::dom::object facets;
  ASSERT_FALSE(doc["facets"].get_object().get(facets));
  simdjson::dom::array stops;
  EXPECT_FALSE(facets["stops"].get_array().get(stops));
  std::string_view cursor;
  EXPECT_FALSE(doc["page"]["next_cursor"].get_string().get(cursor));
  EXPECT_FALSE(cursor.empty());
}

TEST(SearchHandlerTest, AnswerNamesItsStoredSearchAndExpiry) {
  ApiTestServer server;
  TestResponse first =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":3)"));
  TestResponse second =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":3)"));
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(second.status, 200) << second.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(first.body).get(doc));
  std::string_view id_view, expires_view;
  ASSERT_FALSE(doc["search_id"].get_string().get(id_view));
  ASSERT_FALSE(doc["expires_at"].get_string().get(expires_view));
  const std::string id(id_view), expires(expires_view);
  ASSERT_EQ(id.size(), 37u) << id;  // "srch_" and 128 bits in hex
  EXPECT_EQ(id.substr(0, 5), "srch_");
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef", 5), std::string::npos) << id;
  EXPECT_EQ(first.Header("Location"), "/v1/searches/" + id + "/offers");
  // ISO-8601 UTC, later than now (the default lifetime is 15 minutes).
  ASSERT_EQ(expires.size(), 20u) << expires;
  EXPECT_EQ(expires.back(), 'Z');
  EXPECT_GT(expires, IsoUtc(std::chrono::system_clock::now()));

  ASSERT_FALSE(parser.parse(second.body).get(doc));
  std::string_view other_id;
  ASSERT_FALSE(doc["search_id"].get_string().get(other_id));
  EXPECT_NE(other_id, id) << "every search gets its own id";
}

TEST(SearchHandlerTest, CursorInANewSearchIs400PointingAtStoredSearches) {
  ApiTestServer server;
  TestResponse first =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":3)"));
  ASSERT_EQ(first.status, 200) << first.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(first.body).get(doc));
  std::string_view cursor;
  ASSERT_FALSE(doc["page"]["next_cursor"].get_string().get(cursor));
  TestResponse again =
      Fetch(server.port(), "POST", "/v1/searches",
            RoundTripRequest(R"(,"limit":3,"cursor":")" + std::string(cursor) + "\""));
  EXPECT_EQ(again.status, 400) << again.body;
  ErrorBody e = ParseError(again.body);
  EXPECT_EQ(e.field, "/cursor") << again.body;
  EXPECT_NE(e.message.find("/v1/searches/"), std::string::npos) << again.body;
}

// The answer form of one POST: the body's answer_form, else the Accept header's profile.
TEST(SearchHandlerTest, TheAnswerFormComesFromTheBodyElseTheAcceptProfile) {
  ApiTestServer server;
  const std::string kCompactAccept = R"(application/json; profile="compact")";
  auto post = [&](const std::string& extra, const std::string& accept) {
    testing_support::Headers headers;
    if (!accept.empty()) headers.emplace_back("Accept", accept);
    TestResponse r = Fetch(server.port(), "POST", "/v1/searches",
                           RoundTripRequest(R"(,"limit":0)" + extra), headers);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.Header("Vary").find("Accept"), std::string::npos);
    return r;
  };
  auto compact = [](const TestResponse& r) {
    const bool dictionaries = r.body.find("\"dictionaries\":{") != std::string::npos;
    EXPECT_EQ(r.Header("Content-Type"),
              dictionaries ? R"(application/json; profile="compact")" : "application/json");
    return dictionaries;
  };
  const TestResponse full = post("", "");
  EXPECT_FALSE(compact(full));
  const TestResponse by_header = post("", kCompactAccept);
  EXPECT_TRUE(compact(by_header));
  EXPECT_TRUE(compact(post(R"(,"answer_form":"compact")", "")));
  EXPECT_TRUE(compact(post(R"(,"answer_form":"compact")", "application/json")));
  EXPECT_FALSE(compact(post(R"(,"answer_form":"full")", kCompactAccept)));  // the body wins
  EXPECT_FALSE(compact(post("", R"(application/json;profile="compact";q=0.2, */*)")));
  EXPECT_TRUE(compact(post("", R"(*/*;q=0.1, application/json;profile=compact)")));
  // Garbage in the header is no error: the ranges that parse decide, here none.
  EXPECT_FALSE(compact(post("", "application/json;profile=\"compact, ;;;q=5")));
  EXPECT_FALSE(compact(post("", std::string(4000, ';') + "=\"\\/\xff, a/b;q=0.x")));

  // The compact answer holds the full answer's offers, offer by offer.
  const std::vector<std::string> offers = testing_support::OffersAsWritten(full.body);
  ASSERT_GT(offers.size(), 10u);
  EXPECT_EQ(testing_support::RebuildFullOffers(by_header.body), offers);
  EXPECT_LT(by_header.body.size() * 2, full.body.size());

  TestResponse bad =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"answer_form":"tiny")"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ParseError(bad.body).field, "/answer_form");
}

TEST(SearchHandlerTest, InvalidJsonIs400) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", "{\"slices\": [");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ParseError(r.body).code, "invalid_argument") << r.body;
}

// A request the decoder refuses: 400 invalid_argument naming the field at fault.
struct BadRequest {
  const char* name;
  std::string (*body)();
  const char* field;
};

class BadRequestTest : public testing::TestWithParam<BadRequest> {};

TEST_P(BadRequestTest, Is400NamingTheField) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", GetParam().body());
  EXPECT_EQ(r.status, 400);
  ErrorBody e = ParseError(r.body);
  EXPECT_EQ(e.code, "invalid_argument") << r.body;
  EXPECT_EQ(e.field, GetParam().field) << r.body;
}

INSTANTIATE_TEST_SUITE_P(
    SearchHandlerTest, BadRequestTest,
    testing::Values(
        BadRequest{"UnknownField", [] { return RoundTripRequest(R"(,"sortt":"cheapest")"); },
                   "/sortt"},
        BadRequest{"BadIataCode",
                   [] {
                     return R"({"slices":[{"origin":"L1N","destination":"NYC","departure_date":")" +
                            DaysFromNow(40) + R"("}]})";
                   },
                   "/slices/0/origin"},
        BadRequest{"PastDate",
                   [] {
                     return R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":")" +
                            DaysFromNow(-3) + R"("}]})";
                   },
                   "/slices/0/departure_date"},
        BadRequest{"MalformedCursor", [] { return RoundTripRequest(R"(,"cursor":"nonsense")"); },
                   "/cursor"},
        // A later value silently winning over an earlier one is how a filter gets bypassed.
        BadRequest{"DuplicateKey", [] { return RoundTripRequest(R"(,"limit":5,"limit":0)"); },
                   "/limit"},
        BadRequest{"DuplicateNestedKey",
                   [] {
                     return RoundTripRequest(
                         R"(,"filters":{"exclude_airlines":["BA"],"exclude_airlines":[]})");
                   },
                   "/filters/exclude_airlines"},
        BadRequest{"DuplicateEscapedKey",
                   [] { return RoundTripRequest(R"(,"sort":"cheapest","so\u0072t":"fastest")"); },
                   "/sort"},
        BadRequest{
            "OverLongLimit",
            [] { return RoundTripRequest(R"(,"limit":1234567890123456789012345678901234567890)"); },
            "/limit"},
        BadRequest{
            "OverLongAdults",
            [] {
              return R"({"slices":[{"origin":"LON","destination":"NYC","departure_date":")" +
                     DaysFromNow(40) +
                     R"("}],"passengers":{"adults":1234567890123456789012345678901234567890}})";
            },
            "/passengers/adults"}),
    [](const testing::TestParamInfo<BadRequest>& info) { return info.param.name; });

TEST(SearchHandlerTest, OverLongIntegerIsOutOfRangeNotInvalidJson) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches",
                         RoundTripRequest(R"(,"limit":1234567890123456789012345678901234567890)"));
  EXPECT_EQ(r.status, 400);
  ErrorBody e = ParseError(r.body);
  EXPECT_EQ(e.field, "/limit") << r.body;
  EXPECT_NE(e.message.find("out of range"), std::string::npos) << r.body;
  EXPECT_EQ(e.message.find("not valid JSON"), std::string::npos) << r.body;
}

TEST(SearchHandlerTest, LongUnknownFieldIsEchoedAsABoundedPrefix) {
  ApiTestServer server;
  const std::string key(100000, 'k');
  TestResponse r =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(",\"" + key + "\":1"));
  EXPECT_EQ(r.status, 400);
  ErrorBody e = ParseError(r.body);
  EXPECT_EQ(e.field, "/" + std::string(64, 'k') + "\u2026") << r.body.substr(0, 200);
  EXPECT_LT(r.body.size(), 1000u);
}

TEST(SearchHandlerTest, BodyOverOneMebibyteIs413) {
  ApiTestServer server;
  // The limit is checked against Content-Length before the body is read, so the answer comes
  // without sending the body (sending it all could race the server closing the connection).
  testing_support::TestHttpConnection connection(server.port());
  ASSERT_TRUE(
      connection.WriteRaw("POST /v1/searches HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: 1048577\r\n\r\n{"));
  TestResponse r = connection.ReadResponse();
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 413) << r.body;
}

TEST(SearchHandlerTest, BodyOfExactlyOneMebibyteIsRead) {
  ApiTestServer server;
  std::string body = RoundTripRequest(R"(,"limit":1)");
  body.append((1 << 20) - body.size(), ' ');
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", body);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200) << r.body;
}

TEST(SearchHandlerTest, GetOnSearchesIs405WithAllow) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "GET", "/v1/searches");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "POST");
  EXPECT_EQ(ParseError(r.body).code, "method_not_allowed");
}

TEST(SearchHandlerTest, ServerTimingListsEveryStageInMilliseconds) {
  StageTimings timings;
  timings[Stage::kParseEnrich] = 3100;
  timings[Stage::kDedupe] = 120;
  const std::string header = ServerTiming(timings);
  EXPECT_NE(header.find("parse_enrich;dur=3.10"), std::string::npos) << header;
  EXPECT_NE(header.find("dedupe;dur=0.12"), std::string::npos) << header;
  EXPECT_EQ(header.find("decode;dur=0.00"), 0u) << header;
}

TEST(SearchHandlerTest, AnswerSearchWorksWithoutSockets) {
  BuiltinSource source(100);
  SearchService search(source, refdata::FxRates::Builtin(), {});
  const ApiServices services{.search = &search};
  SearchAnswer ok = AnswerSearch(RoundTripRequest(R"(,"limit":1)"), services);
  EXPECT_EQ(ok.response.status, 200) << ok.response.body;
  ASSERT_NE(ok.search, nullptr);
  EXPECT_GT(ok.search->result.offers.size(), 1u);
  SearchAnswer bad = AnswerSearch("[]", services);
  EXPECT_EQ(bad.response.status, 400) << bad.response.body;
  EXPECT_EQ(bad.search, nullptr);
}

// Sends a search on a fresh connection and returns its Location header as soon as the answer's
// headers have arrived, before its body has been read (the connection is then dropped).
std::string LocationWhenHeadersArrive(uint16_t port, const std::string& body) {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  const std::string request =
      "POST /v1/searches HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  asio::write(socket, asio::buffer(request));
  std::string received;
  const std::size_t head = asio::read_until(socket, asio::dynamic_buffer(received), "\r\n\r\n");
  const std::string headers = received.substr(0, head);
  const std::string name = "\r\nLocation: ";
  const std::size_t at = headers.find(name);
  if (at == std::string::npos) return {};
  const std::size_t start = at + name.size();
  return headers.substr(start, headers.find("\r\n", start) - start);
}

// Regression: a search was stored only after its answer's last byte had been written, so a refine
// sent as soon as the answer arrived got 404 now and then (141 of 1,000 tries).
TEST(SearchHandlerTest, RefineSentAtOnceOnTheSameConnectionFindsTheSearch) {
  ApiTestServer server(40);
  int not_found = 0;
  for (int i = 0; i < 200; ++i) {
    testing_support::TestHttpConnection connection(server.port());
    TestResponse search =
        connection.Fetch("POST", "/v1/searches", RoundTripRequest(R"(,"limit":1)"));
    ASSERT_EQ(search.status, 200) << search.body;
    TestResponse refine = connection.Fetch("GET", search.Header("Location") + "?limit=1");
    ASSERT_TRUE(refine.ok()) << refine.error;
    if (refine.status == 404) ++not_found;
  }
  EXPECT_EQ(not_found, 0) << "refines that did not find the search they followed";
}

TEST(SearchHandlerTest, RefineOnASecondConnectionOnceTheHeadersArriveFindsTheSearch) {
  ApiTestServer server(40);
  int not_found = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string location =
        LocationWhenHeadersArrive(server.port(), RoundTripRequest(R"(,"limit":1)"));
    ASSERT_FALSE(location.empty());
    TestResponse refine = Fetch(server.port(), "GET", location + "?limit=1");
    ASSERT_TRUE(refine.ok()) << refine.error;
    if (refine.status == 404) ++not_found;
  }
  EXPECT_EQ(not_found, 0) << "refines that did not find the search whose answer was arriving";
}

}  // namespace
}  // namespace fareflow::server
