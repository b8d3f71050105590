// GET /v1/searches/{id}/offers and /offers/{offer_id} over real HTTP on loopback: refining and
// paging stored searches without any supplier call, and every error path.

#include "server/routes/stored_search_handler.h"

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "support/api_test_server.h"
#include "support/compact_answer.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

// The parts of a v1 search answer the tests compare.
struct Answer {
  std::string search_id;
  std::string next_cursor;
  int64_t matching = -1;
  int64_t offset = -1;
  std::vector<std::string> ids;
  std::vector<std::string> prices;  // "123.45"
  std::string first_validating_carrier;
};

Answer Parse(const std::string& body) {
  Answer out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(body).get(doc)) << body;
  std::string_view s;
  if (!doc["search_id"].get_string().get(s)) out.search_id = s;
  if (!doc["page"]["next_cursor"].get_string().get(s)) out.next_cursor = s;
  EXPECT_FALSE(doc["counts"]["matching"].get_int64().get(out.matching)) << body;
  EXPECT_FALSE(doc["page"]["offset"].get_int64().get(out.offset)) << body;
  simdjson::dom::array offers;
  EXPECT_FALSE(doc["offers"].get_array().get(offers)) << body;
  for (simdjson::dom::element offer : offers) {
    if (!offer["id"].get_string().get(s)) out.ids.emplace_back(s);
    if (!offer["price"]["amount"].get_string().get(s)) out.prices.emplace_back(s);
    if (out.first_validating_carrier.empty() &&
        !offer["validating_carrier"]["code"].get_string().get(s)) {
      out.first_validating_carrier = s;
    }
  }
  return out;
}

// Runs a search and waits until the post-response work has stored it.
Answer Search(ApiTestServer& server, const std::string& extra = R"(,"limit":5)") {
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(extra));
  EXPECT_EQ(r.status, 200) << r.body;
  Answer answer = Parse(r.body);
  // The answer may arrive before its post-response work is even queued; wait for it (a safety
  // net of 30 s, not a measurement).
  for (int i = 0; i < 3000 && server.runtime().store().Find(answer.search_id) == nullptr; ++i) {
    server.runtime().housekeeper().Drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(server.runtime().store().Find(answer.search_id), nullptr);
  return answer;
}

TestResponse Get(ApiTestServer& server, const std::string& target) {
  return Fetch(server.port(), "GET", target);
}

double Price(const std::string& amount) { return std::stod(amount); }

TEST(StoredSearchTest, PagesAndRefinesWithoutAnySupplierCall) {
  ApiTestServer server;
  Answer first = Search(server);
  ASSERT_EQ(server.supplier_fetches(), 1);
  ASSERT_FALSE(first.next_cursor.empty());
  const std::string base = "/v1/searches/" + first.search_id + "/offers";

  // The POST answer's cursor works as is on the stored search.
  TestResponse page2 = Get(server, base + "?cursor=" + first.next_cursor);
  ASSERT_EQ(page2.status, 200) << page2.body;
  Answer second = Parse(page2.body);
  EXPECT_EQ(second.search_id, first.search_id);
  EXPECT_EQ(second.offset, 5);
  EXPECT_EQ(second.matching, first.matching);
  ASSERT_EQ(second.ids.size(), 5u);
  for (const std::string& id : second.ids) {
    EXPECT_EQ(std::count(first.ids.begin(), first.ids.end(), id), 0) << id;
  }
  EXPECT_NE(page2.Header("Server-Timing").find("filter;dur="), std::string::npos);
  EXPECT_NE(page2.Header("Server-Timing").find("serialize;dur="), std::string::npos);

  // The same first page again, then other sorts and filters.
  EXPECT_EQ(Parse(Get(server, base).body).ids, first.ids);
  EXPECT_EQ(Get(server, base + "?sort=fastest&limit=3").status, 200);
  EXPECT_EQ(Get(server, base + "?max_stops=0&checked_bag=true").status, 200);
  EXPECT_EQ(
      Get(server, base + "?departure_window=0:06:00-12:00&arrival_window=1:12:00-23:59").status,
      200);
  EXPECT_EQ(server.supplier_fetches(), 1);
}

// Each page of a stored search is in the form its own request asks, whatever the search's was.
TEST(StoredSearchTest, EachRefineKeepsTheFormItsRequestAsksFor) {
  ApiTestServer server;
  TestResponse posted = Fetch(server.port(), "POST", "/v1/searches",
                              RoundTripRequest(R"(,"limit":5,"answer_form":"compact")"));
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(posted.Header("Content-Type"), R"(application/json; profile="compact")");
  Answer first = Search(server, R"(,"limit":5,"answer_form":"compact")");
  ASSERT_FALSE(first.next_cursor.empty());
  const std::string base = "/v1/searches/" + first.search_id + "/offers?limit=5";
  auto is_compact = [](const TestResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.Header("Vary").find("Accept"), std::string::npos);
    const bool compact = r.body.find("\"dictionaries\":{") != std::string::npos;
    EXPECT_EQ(r.Header("Content-Type"),
              compact ? R"(application/json; profile="compact")" : "application/json");
    return compact;
  };
  const TestResponse full = Get(server, base);
  EXPECT_FALSE(is_compact(full));  // the POST's form is not kept
  const TestResponse compact = Get(server, base + "&answer_form=compact");
  EXPECT_TRUE(is_compact(compact));
  EXPECT_EQ(testing_support::RebuildFullOffers(compact.body),
            testing_support::OffersAsWritten(full.body));
  EXPECT_TRUE(is_compact(Fetch(server.port(), "GET", base, "",
                               {{"Accept", R"(application/json;profile="compact")"}})));
  EXPECT_FALSE(is_compact(Fetch(server.port(), "GET", base + "&answer_form=full", "",
                                {{"Accept", R"(application/json;profile="compact")"}})));
  // A compact page's cursor pages on in the full form, and the other way round.
  const TestResponse next = Get(server, base + "&cursor=" + first.next_cursor);
  EXPECT_FALSE(is_compact(next));
  EXPECT_EQ(Parse(next.body).offset, 5);
  const TestResponse next_compact =
      Get(server, base + "&answer_form=compact&cursor=" + Parse(full.body).next_cursor);
  EXPECT_TRUE(is_compact(next_compact));
  EXPECT_EQ(testing_support::RebuildFullOffers(next_compact.body),
            testing_support::OffersAsWritten(next.body));

  TestResponse bad = Get(server, base + "&answer_form=Compact");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ParseError(bad.body).field, "answer_form");
}

TEST(StoredSearchTest, QueryFiltersNarrowLikeTheSameFiltersInAPost) {
  ApiTestServer server;
  Answer all = Search(server, R"(,"limit":0)");
  ASSERT_FALSE(all.first_validating_carrier.empty());
  const std::string carrier = all.first_validating_carrier;
  TestResponse refined = Get(server, "/v1/searches/" + all.search_id +
                                         "/offers?limit=0&max_stops=1&exclude_airlines=" + carrier +
                                         "&max_duration=1500");
  ASSERT_EQ(refined.status, 200) << refined.body;
  Answer narrowed = Parse(refined.body);
  EXPECT_LT(narrowed.matching, all.matching);
  EXPECT_EQ(narrowed.matching, static_cast<int64_t>(narrowed.ids.size()));

  Answer posted = Search(server, R"(,"limit":0,"filters":{"max_stops":1,"exclude_airlines":[")" +
                                     carrier + R"("],"max_duration_minutes":1500})");
  EXPECT_EQ(posted.matching, narrowed.matching);
  EXPECT_EQ(std::set<std::string>(posted.ids.begin(), posted.ids.end()),
            std::set<std::string>(narrowed.ids.begin(), narrowed.ids.end()));
}

TEST(StoredSearchTest, SortCheapestOrdersByPrice) {
  ApiTestServer server;
  Answer first = Search(server);
  TestResponse r =
      Get(server, "/v1/searches/" + first.search_id + "/offers?sort=cheapest&limit=50");
  ASSERT_EQ(r.status, 200) << r.body;
  Answer cheapest = Parse(r.body);
  ASSERT_GT(cheapest.prices.size(), 1u);
  for (std::size_t i = 1; i < cheapest.prices.size(); ++i) {
    EXPECT_LE(Price(cheapest.prices[i - 1]), Price(cheapest.prices[i])) << i;
  }
  EXPECT_NE(r.body.find(R"("sort":"cheapest")"), std::string::npos);
}

TEST(StoredSearchTest, CursorOfAnotherQueryIs400) {
  ApiTestServer server;
  Answer first = Search(server);
  TestResponse r = Get(server, "/v1/searches/" + first.search_id +
                                   "/offers?sort=fastest&cursor=" + first.next_cursor);
  EXPECT_EQ(r.status, 400);
  ErrorBody error = ParseError(r.body);
  EXPECT_EQ(error.code, "invalid_argument");
  EXPECT_EQ(error.field, "cursor") << r.body;
}

TEST(StoredSearchTest, BadQueryParametersAre400NamingThem) {
  ApiTestServer server;
  Answer first = Search(server);
  const std::string base = "/v1/searches/" + first.search_id + "/offers?";
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"max_stops=9", "max_stops"},
           {"max_stops=x", "max_stops"},
           {"limit=-1", "limit"},
           {"sort=random", "sort"},
           {"airlines=BA,,AA", "airlines"},
           {"alliances=nope", "alliances"},
           {"max_price=cheap", "max_price"},
           {"checked_bag=yes", "checked_bag"},
           {"departure_window=5:06:00-12:00", "departure_window"},
           {"arrival_window=0:6-12", "arrival_window"},
           {"max_stops=1&max_stops=2", "max_stops"},
           {"colour=red", "colour"},
       }) {
    TestResponse r = Get(server, base + query);
    EXPECT_EQ(r.status, 400) << query << " " << r.body;
    EXPECT_EQ(ParseError(r.body).field, field) << query << " " << r.body;
  }
}

TEST(StoredSearchTest, OverLongNumberIsOutOfRangeAndLongNamesAreEchoedBounded) {
  ApiTestServer server;
  Answer first = Search(server);
  const std::string base = "/v1/searches/" + first.search_id + "/offers?";
  TestResponse r = Get(server, base + "limit=1234567890123456789012345678901234567890");
  EXPECT_EQ(r.status, 400) << r.body;
  ErrorBody e = ParseError(r.body);
  EXPECT_EQ(e.field, "limit") << r.body;
  EXPECT_EQ(e.message, "must be between 0 and 100000") << r.body;

  r = Get(server, base + std::string(5000, 'p') + "=1");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(ParseError(r.body).field, std::string(64, 'p') + "\u2026") << r.body.substr(0, 200);
  EXPECT_LT(r.body.size(), 1000u);

  r = Get(server, base + "airlines=BA," + std::string(5000, 'X'));
  EXPECT_EQ(r.status, 400);
  e = ParseError(r.body);
  EXPECT_EQ(e.field, "airlines");
  EXPECT_NE(e.message.find(std::string(64, 'X') + "\u2026"), std::string::npos)
      << r.body.substr(0, 200);
  EXPECT_LT(r.body.size(), 1000u);
}

TEST(StoredSearchTest, UnknownSearchIs404) {
  ApiTestServer server;
  TestResponse r = Get(server, "/v1/searches/srch_000000000000000000000000/offers");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ParseError(r.body).code, "not_found");
  EXPECT_EQ(ParseError(r.body).field, "search_id");
  EXPECT_EQ(Get(server, "/v1/searches/srch_000000000000000000000000/offers/ff_0").status, 404);
}

TEST(StoredSearchTest, ExpiredSearchIs404) {
  ApiTestServer server;
  Answer first = Search(server);
  const std::string base = "/v1/searches/" + first.search_id + "/offers";
  EXPECT_EQ(Get(server, base).status, 200);
  server.AdvanceClock(server.services().search->options().ttl + std::chrono::seconds(1));
  TestResponse r = Get(server, base);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ParseError(r.body).field, "search_id");
}

TEST(StoredSearchTest, MemoryCapEvictsTheLeastRecentlyUsedSearch) {
  std::size_t one = 0;
  {
    ApiTestServer measure;
    Search(measure);
    one = measure.runtime().store().stats().bytes;
  }
  ASSERT_GT(one, 0u);
  ApiTestServer server(ApiTestServerOptions{.store_max_bytes = one * 5 / 2});
  Answer a = Search(server);
  Answer b = Search(server);
  ASSERT_EQ(Get(server, "/v1/searches/" + a.search_id + "/offers").status, 200);  // b is now LRU
  Answer c = Search(server);
  EXPECT_EQ(Get(server, "/v1/searches/" + b.search_id + "/offers").status, 404);
  EXPECT_EQ(Get(server, "/v1/searches/" + a.search_id + "/offers").status, 200);
  EXPECT_EQ(Get(server, "/v1/searches/" + c.search_id + "/offers").status, 200);
  EXPECT_EQ(server.runtime().store().stats().evictions, 1u);
}

TEST(StoredSearchTest, OfferByIdIsTheOfferOfThePage) {
  ApiTestServer server;
  Answer first = Search(server);
  ASSERT_FALSE(first.ids.empty());
  const std::string base = "/v1/searches/" + first.search_id + "/offers/";
  TestResponse r = Get(server, base + first.ids[2]);
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc));
  std::string_view id, amount, search_id;
  ASSERT_FALSE(doc["offer"]["id"].get_string().get(id));
  ASSERT_FALSE(doc["offer"]["price"]["amount"].get_string().get(amount));
  ASSERT_FALSE(doc["search_id"].get_string().get(search_id));
  EXPECT_EQ(id, first.ids[2]);
  EXPECT_EQ(amount, first.prices[2]);
  EXPECT_EQ(search_id, first.search_id);

  TestResponse unknown = Get(server, base + "ff_0000000000000000");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ParseError(unknown.body).field, "offer_id");
  EXPECT_EQ(server.supplier_fetches(), 1);
}

}  // namespace
}  // namespace fareflow::server
