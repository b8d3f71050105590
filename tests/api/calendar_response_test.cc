#include "api/calendar_response.h"

#include <gtest/gtest.h>

#include <string>

#include <simdjson.h>

#include "api/search_request_json.h"
#include "calendar/calendar_cells.h"
#include "calendar/calendar_values.h"
#include "support/scripted_calendar_source.h"

namespace fareflow {
namespace {

constexpr Days kMarch1 = DaysFromCivil(2027, 3, 1);

CalendarRequest Request() {
  CalendarRequest r;
  r.origin = LocationCode::Parse("MAD");
  r.destination = LocationCode::Parse("LON");
  r.departure_from = kMarch1;
  r.departure_to = kMarch1 + 1;
  r.min_nights = 3;
  r.max_nights = 4;
  r.passengers.adults = 2;
  r.passengers.child_ages = {5};
  r.cabin = Cabin::kBusiness;
  r.max_stops = 1;
  r.max_price_minor = 45000;
  r.mode = CalendarMode::kFill;
  return r;
}

// Four cells: the first filled live by two suppliers, the second from the cache, the others
// empty (one supplier not cached).
CalendarResult CalendarResultOf(const CalendarRequest& r) {
  CalendarResult result;
  result.cells = ExpandCells(r);
  SupplierOutcome a, b;
  a.name = "amadeus-1";
  a.summary = ScriptedSummary({ScriptedQuote(30050, 1, "IB"), ScriptedQuote(41000, 0, "BA")});
  b.name = "duffel-1";
  b.summary = ScriptedSummary({ScriptedQuote(32000, 1, "UX")});
  FillCell(r, std::vector<SupplierOutcome>{a, b}, result.cells[0]);
  a.cache = {.from_cache = true, .age_seconds = 300, .stale = true};
  b.status = SupplierStatus::kNotCached;
  b.summary.reset();
  FillCell(r, std::vector<SupplierOutcome>{a, b}, result.cells[1]);
  a.status = SupplierStatus::kNotCached;
  a.summary.reset();
  FillCell(r, std::vector<SupplierOutcome>{a, b}, result.cells[2]);
  FillCell(r, std::vector<SupplierOutcome>{a, b}, result.cells[3]);
  result.cells[1].cheapest->total.minor = 29000;
  result.supplier_calls = 2;
  result.calls_refused = 4;
  SummarizeCells(result);
  return result;
}

std::string Write(const CalendarResult& result, const CalendarRequest& r) {
  std::string out;
  WriteCalendarResponse(result, r, out);
  return out;
}

std::string_view Str(simdjson::dom::element e) { return e.get_string().value(); }

TEST(CalendarResponseTest, WritesCellsSummaryAndCoverage) {
  const CalendarRequest r = Request();
  const std::string json = Write(CalendarResultOf(r), r);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json).value();
  EXPECT_EQ(Str(doc["mode"]), "fill");
  EXPECT_EQ(Str(doc["currency"]), "EUR");
  simdjson::dom::array cells = doc["cells"].get_array().value();
  ASSERT_EQ(cells.size(), 4u);
  simdjson::dom::element first = cells.at(0).value();
  EXPECT_EQ(Str(first["departure_date"]), "2027-03-01");
  EXPECT_EQ(Str(first["return_date"]), "2027-03-04");
  EXPECT_EQ(first["nights"].get_int64().value(), 3);
  EXPECT_TRUE(first["filled"].get_bool().value());
  EXPECT_EQ(Str(first["price"]["total"]), "300.50");
  EXPECT_EQ(Str(first["price"]["per_adult"]), "300.50");
  EXPECT_EQ(Str(first["price"]["currency"]), "EUR");
  EXPECT_EQ(Str(first["nonstop_price"]["total"]), "410.00");
  EXPECT_EQ(Str(first["airlines"].at(0)["code"]), "IB");
  EXPECT_EQ(first["stops"].get_int64().value(), 1);
  EXPECT_EQ(Str(first["suppliers"].at(0)["name"]), "amadeus-1");
  EXPECT_EQ(Str(first["suppliers"].at(0)["status"]), "ok");
  EXPECT_EQ(Str(first["suppliers"].at(0)["cache"]["source"]), "live");
  EXPECT_EQ(Str(first["suppliers"].at(1)["price"]["total"]), "320.00");

  simdjson::dom::element second = cells.at(1).value();
  EXPECT_EQ(Str(second["suppliers"].at(0)["cache"]["source"]), "cache");
  EXPECT_EQ(second["suppliers"].at(0)["cache"]["age_s"].get_int64().value(), 300);
  EXPECT_TRUE(second["suppliers"].at(0)["cache"]["stale"].get_bool().value());
  EXPECT_EQ(Str(second["suppliers"].at(1)["status"]), "not_cached");
  EXPECT_TRUE(second["suppliers"].at(1)["cache"].error() == simdjson::NO_SUCH_FIELD);

  simdjson::dom::element empty = cells.at(3).value();
  EXPECT_FALSE(empty["filled"].get_bool().value());
  EXPECT_TRUE(empty["price"].is_null());
  EXPECT_TRUE(empty["nonstop_price"].is_null());
  EXPECT_TRUE(empty["stops"].is_null());
  EXPECT_EQ(empty["airlines"].get_array().value().size(), 0u);

  simdjson::dom::element summary = doc["summary"];
  EXPECT_EQ(Str(summary["cheapest"]["departure_date"]), "2027-03-01");
  EXPECT_EQ(Str(summary["cheapest"]["return_date"]), "2027-03-05");
  EXPECT_EQ(Str(summary["cheapest"]["price"]["total"]), "290.00");
  EXPECT_EQ(Str(summary["bands"]["low_max"]), "290.00");
  EXPECT_EQ(Str(summary["bands"]["typical_max"]), "300.50");
  EXPECT_EQ(summary["coverage"]["cells"].get_int64().value(), 4);
  EXPECT_EQ(summary["coverage"]["filled"].get_int64().value(), 2);
  EXPECT_EQ(summary["coverage"]["supplier_calls"].get_int64().value(), 2);
  EXPECT_EQ(summary["coverage"]["calls_refused"].get_int64().value(), 4);
}

TEST(CalendarResponseTest, OneWayCellsHaveNoReturnAndAnEmptyCalendarNoSummaryValues) {
  CalendarRequest r = Request();
  r.min_nights.reset();
  r.max_nights.reset();
  CalendarResult result;
  result.cells = ExpandCells(r);
  SummarizeCells(result);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(Write(result, r)).value();
  simdjson::dom::element cell = doc["cells"].at(0).value();
  EXPECT_TRUE(cell["return_date"].is_null());
  EXPECT_TRUE(cell["nights"].is_null());
  EXPECT_TRUE(doc["summary"]["cheapest"].is_null());
  EXPECT_TRUE(doc["summary"]["bands"].is_null());
}

TEST(CalendarResponseTest, EveryCellsSearchIsAV1SearchRequestForThatCell) {
  const CalendarRequest r = Request();
  const CalendarResult result = CalendarResultOf(r);
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(Write(result, r)).value();
  std::size_t i = 0;
  simdjson::dom::array cells = doc["cells"].get_array().value();
  for (simdjson::dom::element cell : cells) {
    const std::string search = simdjson::minify(cell["search"].value());
    auto decoded =
        DecodeSearchRequest(search, {.check_dates = true, .today = DaysFromCivil(2027, 1, 10)});
    ASSERT_TRUE(decoded.has_value())
        << search << ": " << decoded.error().field << " " << decoded.error().message;
    const SearchRequest& want = result.cells[i++].search;
    ASSERT_EQ(decoded->slices.size(), 2u);
    EXPECT_EQ(decoded->slices[0].departure_date, want.slices[0].departure_date);
    EXPECT_EQ(decoded->slices[1].departure_date, want.slices[1].departure_date);
    EXPECT_EQ(decoded->slices[1].origin, LocationCode::Parse("LON"));
    EXPECT_EQ(decoded->passengers.adults, 2);
    EXPECT_EQ(decoded->passengers.child_ages, std::vector<int>{5});
    EXPECT_EQ(decoded->cabin, Cabin::kBusiness);
    EXPECT_EQ(decoded->currency, want.currency);
    EXPECT_EQ(decoded->max_connections, 1);
    EXPECT_EQ(decoded->filters.max_stops, 1);
    EXPECT_EQ(decoded->filters.max_price_minor, 45000);
  }
  EXPECT_EQ(i, 4u);
}

}  // namespace
}  // namespace fareflow
