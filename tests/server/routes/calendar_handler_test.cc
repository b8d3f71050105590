// POST /v1/calendars over real HTTP on loopback, on the built-in supplier (which answers any date).

#include "server/routes/calendar_handler.h"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "core/money.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

// How long the client waits for a filled calendar: up to 49 searches, which take seconds under
// ThreadSanitizer on a loaded machine. A deadline against hanging, not a speed requirement.
constexpr std::chrono::seconds kFillDeadline{120};

// A calendar MAD-LON departing over a week from 30 days ahead; `extra` is appended inside the
// object.
std::string CalendarBody(const std::string& extra) {
  return R"({"origin":"MAD","destination":"LON","departure":{"from":")" + DaysFromNow(30) +
         R"(","to":")" + DaysFromNow(36) + R"("})" + extra + "}";
}

TEST(CalendarHandlerTest, FillsASevenBySevenGrid) {
  ApiTestServer server(40);
  TestResponse r = Fetch(server.port(), "POST", "/v1/calendars",
                         CalendarBody(R"(,"nights":{"min":3,"max":9},"mode":"fill",)"
                                      R"("passengers":{"adults":2},"max_calls":100)"),
                         {{"Content-Type", "application/json"}}, kFillDeadline);
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
  simdjson::dom::array cells;
  ASSERT_FALSE(doc["cells"].get_array().get(cells));
  ASSERT_EQ(cells.size(), 49u);
  for (simdjson::dom::element cell : cells) {
    bool filled = false;
    ASSERT_FALSE(cell["filled"].get_bool().get(filled));
    EXPECT_TRUE(filled) << simdjson::minify(cell);
    std::string_view total;
    EXPECT_FALSE(cell["price"]["total"].get_string().get(total));
  }
  int64_t filled = 0, cell_count = 0;
  ASSERT_FALSE(doc["summary"]["coverage"]["filled"].get_int64().get(filled));
  ASSERT_FALSE(doc["summary"]["coverage"]["cells"].get_int64().get(cell_count));
  EXPECT_EQ(filled, 49);
  EXPECT_EQ(cell_count, 49);
  std::string_view mode;
  ASSERT_FALSE(doc["mode"].get_string().get(mode));
  EXPECT_EQ(mode, "fill");
  std::string_view low;
  EXPECT_FALSE(doc["summary"]["bands"]["low_max"].get_string().get(low));
  // Every cell was asked of the supplier source: at least once each.
  EXPECT_GE(server.supplier_fetches(), 49);
}

TEST(CalendarHandlerTest, ACellsSearchIsAcceptedByTheSearchRouteAndReproducesItsPrice) {
  ApiTestServer server(40);
  TestResponse r = Fetch(server.port(), "POST", "/v1/calendars",
                         CalendarBody(R"(,"mode":"fill","max_stops":1)"), {}, kFillDeadline);
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
  simdjson::dom::element cell;
  ASSERT_FALSE(doc["cells"].at(2).get(cell));
  std::string_view total;
  ASSERT_FALSE(cell["price"]["total"].get_string().get(total));
  const std::string cell_total(total);
  const std::string search = simdjson::minify(cell["search"]);

  TestResponse s = Fetch(server.port(), "POST", "/v1/searches", search);
  ASSERT_EQ(s.status, 200) << search << "\n" << s.body;
  simdjson::dom::parser search_parser;
  simdjson::dom::element answer;
  ASSERT_FALSE(search_parser.parse(s.body).get(answer));
  // The search's cheapest offer within the cell's stops is the cell's price.
  simdjson::dom::array stops;
  ASSERT_FALSE(answer["facets"]["stops"].get_array().get(stops));
  std::optional<int64_t> cheapest;
  for (simdjson::dom::element bucket : stops) {
    std::string_view name, price;
    ASSERT_FALSE(bucket["stops"].get_string().get(name));
    if (name != "0" && name != "1") continue;
    if (bucket["min_price"].get_string().get(price)) continue;  // null: no offer
    const std::optional<int64_t> minor = ParseDecimalMinor(price, 2);
    ASSERT_TRUE(minor);
    if (!cheapest || *minor < *cheapest) cheapest = minor;
  }
  ASSERT_TRUE(cheapest);
  EXPECT_EQ(cheapest, ParseDecimalMinor(cell_total, 2));
}

TEST(CalendarHandlerTest, BadRequestsAre400sNamingTheField) {
  ApiTestServer server(40);
  const std::pair<std::string, std::string> cases[] = {
      {"not json", ""},
      {CalendarBody(R"(,"mode":"live")"), "/mode"},
      {CalendarBody(R"(,"nights":{"min":5,"max":2})"), "/nights/max"},
      {CalendarBody(R"(,"max_calls":5000)"), "/max_calls"},
      {CalendarBody(R"(,"colour":"red")"), "/colour"},
      {R"({"origin":"MAD","destination":"ZZZ","departure":{"from":")" + DaysFromNow(30) +
           R"(","to":")" + DaysFromNow(31) + R"("}})",
       "/destination"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":")" + DaysFromNow(-2) +
           R"(","to":")" + DaysFromNow(3) + R"("}})",
       "/departure/from"},
      {R"({"origin":"MAD","destination":"LON","departure":{"from":")" + DaysFromNow(10) +
           R"(","to":")" + DaysFromNow(80) + R"("}})",
       "/departure"},
  };
  for (const auto& [body, field] : cases) {
    TestResponse r = Fetch(server.port(), "POST", "/v1/calendars", body);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 400) << body << "\n" << r.body;
    const ErrorBody error = ParseError(r.body);
    EXPECT_EQ(error.code, "invalid_argument") << r.body;
    EXPECT_EQ(error.field, field) << r.body;
  }
  EXPECT_EQ(server.supplier_fetches(), 0);
}

TEST(CalendarHandlerTest, OtherMethodsAre405) {
  ApiTestServer server(40);
  TestResponse r = Fetch(server.port(), "GET", "/v1/calendars", "");
  EXPECT_EQ(r.status, 405) << r.body;
}

}  // namespace
}  // namespace fareflow::server
