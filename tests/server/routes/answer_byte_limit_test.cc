// The bound on the bytes of one answer (ApiServices::max_answer_bytes) over real HTTP on loopback:
// POST /v1/searches, a stored search's pages and refines are cut at an offer boundary, and the
// cursor they return pages the rest with no offer lost or repeated.

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

struct Page {
  std::string search_id;
  std::vector<std::string> ids;
  std::string next_cursor;  // empty when null
  int64_t matching = -1;
  int64_t returned = -1;
  bool cut = false;
};

Page Parse(const std::string& body) {
  Page out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(body).get(doc)) << body.substr(0, 300);
  std::string_view s;
  if (!doc["search_id"].get_string().get(s)) out.search_id = s;
  if (!doc["page"]["next_cursor"].get_string().get(s)) out.next_cursor = s;
  bool cut = false;
  if (!doc["page"]["cut_by_byte_limit"].get_bool().get(cut)) out.cut = cut;
  EXPECT_FALSE(doc["counts"]["matching"].get_int64().get(out.matching));
  EXPECT_FALSE(doc["counts"]["returned"].get_int64().get(out.returned));
  simdjson::dom::array offers;
  EXPECT_FALSE(doc["offers"].get_array().get(offers));
  for (simdjson::dom::element offer : offers) {
    if (!offer["id"].get_string().get(s)) out.ids.emplace_back(s);
  }
  EXPECT_EQ(out.returned, static_cast<int64_t>(out.ids.size()));
  return out;
}

// Posts a search and waits (30 s at most, a safety net) until it is stored.
TestResponse PostAndWaitStored(ApiTestServer& server, const std::string& extra) {
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(extra));
  const std::string id = Parse(r.body).search_id;
  for (int i = 0; i < 3000 && server.runtime().store().Find(id) == nullptr; ++i) {
    server.runtime().housekeeper().Drain();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_NE(server.runtime().store().Find(id), nullptr);
  return r;
}

// Every offer id of `query` on the stored search, walking pages of `limit` from `first` (a page
// already fetched) on; each answer must stay within `bound` bytes.
std::vector<std::string> Walk(ApiTestServer& server, const std::string& id,
                              const std::string& query, int limit, Page first, std::size_t bound) {
  std::vector<std::string> ids = first.ids;
  std::string cursor = first.next_cursor;
  for (int pages = 0; !cursor.empty() && pages < 1000; ++pages) {
    const TestResponse r = Fetch(server.port(), "GET",
                                 "/v1/searches/" + id + "/offers?limit=" + std::to_string(limit) +
                                     query + "&cursor=" + cursor);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_LE(r.body.size(), bound);
    if (r.status != 200) break;
    const Page page = Parse(r.body);
    EXPECT_FALSE(page.ids.empty());
    ids.insert(ids.end(), page.ids.begin(), page.ids.end());
    cursor = page.next_cursor;
  }
  EXPECT_TRUE(cursor.empty()) << "the walk did not end";
  return ids;
}

// limit 0 on a 6-slice search once wrote 17 MB in one answer; with the default bound of 4 MiB a
// 2,000-offer built-in search (about 8 MB whole) is cut.
TEST(AnswerByteLimitTest, DefaultBoundCutsAWholeResultSet) {
  ApiTestServer server(2000);
  const TestResponse r =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":0)"));
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  EXPECT_LE(r.body.size(), std::size_t{4} << 20);
  const Page page = Parse(r.body);
  EXPECT_TRUE(page.cut);
  EXPECT_FALSE(page.next_cursor.empty());
  EXPECT_LT(page.returned, page.matching);
}

TEST(AnswerByteLimitTest, CutPagesWalkEveryOfferOnceInOrder) {
  constexpr std::size_t kBound = 128 << 10;
  ApiTestServer server(ApiTestServerOptions{.builtin_offers = 300, .max_answer_bytes = kBound});
  const TestResponse posted = PostAndWaitStored(server, R"(,"limit":0)");
  ASSERT_EQ(posted.status, 200);
  EXPECT_LE(posted.body.size(), kBound);
  const Page first = Parse(posted.body);
  ASSERT_TRUE(first.cut);
  ASSERT_FALSE(first.next_cursor.empty());
  const std::string& id = first.search_id;

  // The post's own cursor, then refines: another sort and a filter, each cut and walked.
  for (const std::string query : {"", "&sort=cheapest", "&sort=fastest&max_stops=1"}) {
    SCOPED_TRACE(query);
    Page start = first;
    if (!query.empty()) {
      const TestResponse r =
          Fetch(server.port(), "GET", "/v1/searches/" + id + "/offers?limit=0" + query);
      ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
      EXPECT_LE(r.body.size(), kBound);
      start = Parse(r.body);
    }
    const std::vector<std::string> cut = Walk(server, id, query, 0, start, kBound);
    // The same query in pages of 20, each far under the bound and never cut.
    const TestResponse small =
        Fetch(server.port(), "GET", "/v1/searches/" + id + "/offers?limit=20" + query);
    ASSERT_EQ(small.status, 200);
    const Page small_first = Parse(small.body);
    EXPECT_FALSE(small_first.cut);
    const std::vector<std::string> paged = Walk(server, id, query, 20, small_first, kBound);
    EXPECT_EQ(cut, paged);
    EXPECT_EQ(static_cast<int64_t>(cut.size()), start.matching);
    EXPECT_EQ(std::set<std::string>(cut.begin(), cut.end()).size(), cut.size());
  }
}

TEST(AnswerByteLimitTest, UnderTheBoundNothingIsCut) {
  ApiTestServer server(ApiTestServerOptions{.builtin_offers = 300});
  const TestResponse r =
      Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":0)"));
  ASSERT_EQ(r.status, 200);
  const Page page = Parse(r.body);
  EXPECT_FALSE(page.cut);
  EXPECT_EQ(r.body.find("cut_by_byte_limit"), std::string::npos);
  EXPECT_TRUE(page.next_cursor.empty());
  EXPECT_EQ(page.returned, page.matching);
}

}  // namespace
}  // namespace fareflow::server
