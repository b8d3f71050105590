#include <gtest/gtest.h>

#include <chrono>

#include "calendar/calendar.h"
#include "engine/builtin_source.h"
#include "support/scripted_calendar_source.h"

namespace fareflow {
namespace {

constexpr Days kFirstOfMarch = DaysFromCivil(2027, 3, 1);

// A fare that grows by 10.00 a day of departure and 1.00 a night away, from 100.00; one stop,
// and a nonstop 50.00 dearer.
std::optional<FareSummary> DailyFares(Days departure, std::optional<Days> back) {
  const int64_t total =
      10000 + 1000 * (departure - kFirstOfMarch) + (back ? 100 * (*back - departure) : 0);
  return ScriptedSummary({ScriptedQuote(total, 1), ScriptedQuote(total + 5000, 0)});
}

CalendarRequest OneWay(int days, CalendarMode mode) {
  CalendarRequest r;
  r.origin = LocationCode::Parse("MAD");
  r.destination = LocationCode::Parse("LON");
  r.departure_from = kFirstOfMarch;
  r.departure_to = kFirstOfMarch + days - 1;
  r.mode = mode;
  r.max_calls = 1000;
  return r;
}

CalendarRequest Grid7x7(CalendarMode mode) {
  CalendarRequest r = OneWay(7, mode);
  r.min_nights = 3;
  r.max_nights = 9;
  return r;
}

class CalendarServiceTest : public testing::Test {
 protected:
  CalendarServiceTest() {
    source_.AddSupplier("alpha", DailyFares);
    source_.AddSupplier("beta", [](Days d, std::optional<Days> b) {
      std::optional<FareSummary> s = DailyFares(d, b);
      s->cheapest_by_stops[1]->total.minor += 700;  // always dearer than alpha
      return s;
    });
  }
  CalendarResult Run(const CalendarRequest& r, int cap = 200) {
    CalendarService service(source_, refdata::FxRates::Builtin(), {.max_calls_cap = cap});
    return service.Run(r);
  }
  ScriptedCalendarSource source_;
};

TEST_F(CalendarServiceTest, OneWayMonthFillsOneCellPerDay) {
  const CalendarResult result = Run(OneWay(31, CalendarMode::kFill));
  ASSERT_EQ(result.cells.size(), 31u);
  EXPECT_EQ(result.cells_filled, 31);
  EXPECT_EQ(result.supplier_calls, 62);
  EXPECT_EQ(source_.calls(), 62);
  EXPECT_EQ(result.calls_refused, 0);
  EXPECT_EQ(result.cells[30].cheapest->total.minor, 10000 + 30 * 1000);
  EXPECT_EQ(result.cells[30].cheapest_nonstop->total.minor, 15000 + 30 * 1000);
  EXPECT_EQ(result.cheapest_cell, 0u);
  // Pass 1 asked every cell of the cache, pass 2 every cell of the suppliers, summaries only.
  EXPECT_EQ(source_.requests().size(), 62u);
  EXPECT_EQ(source_.full_fetches(), 0);
  EXPECT_EQ(source_.requests()[0].cache, CacheMode::kOnly);
  EXPECT_EQ(source_.requests()[31].cache, CacheMode::kPrefer);
}

TEST_F(CalendarServiceTest, SevenBySevenRoundTripGridIsFilledWithEveryCallInFlightAtOnce) {
  const CalendarResult result = Run(Grid7x7(CalendarMode::kFill));
  ASSERT_EQ(result.cells.size(), 49u);
  EXPECT_EQ(result.cells_filled, 49);
  EXPECT_EQ(source_.calls(), 98);
  EXPECT_EQ(source_.max_in_flight(), 49);
  const CalendarCell& last = result.cells[48];
  EXPECT_EQ(last.departure, kFirstOfMarch + 6);
  EXPECT_EQ(last.return_date, kFirstOfMarch + 15);
  EXPECT_EQ(last.cheapest->total.minor, 10000 + 6000 + 900);
  ASSERT_EQ(last.suppliers.size(), 2u);
  EXPECT_EQ(last.suppliers[0].name, "alpha");
  EXPECT_FALSE(last.suppliers[0].cache.from_cache);
  EXPECT_EQ(last.suppliers[1].cheapest->total.minor, 10000 + 6000 + 900 + 700);
}

TEST_F(CalendarServiceTest, CachedModeMakesNoCallsAndSaysWhichCellsWereNotCached) {
  for (Days d = kFirstOfMarch; d < kFirstOfMarch + 10; ++d)
    source_.Cache("alpha", {d, std::nullopt}, 120);
  source_.Cache("beta", {kFirstOfMarch + 3, std::nullopt});
  const CalendarResult result = Run(OneWay(31, CalendarMode::kCached));
  EXPECT_EQ(source_.calls(), 0);
  EXPECT_EQ(result.supplier_calls, 0);
  EXPECT_EQ(result.cells_filled, 10);
  const CalendarCell& cached = result.cells[0];
  ASSERT_TRUE(cached.filled());
  EXPECT_TRUE(cached.suppliers[0].cache.from_cache);
  EXPECT_EQ(cached.suppliers[0].cache.age_seconds, 120);
  EXPECT_EQ(cached.suppliers[1].status, SupplierStatus::kNotCached);
  EXPECT_EQ(result.cells[3].suppliers[1].status, SupplierStatus::kOk);
  const CalendarCell& empty = result.cells[20];
  EXPECT_FALSE(empty.filled());
  EXPECT_EQ(empty.suppliers[0].status, SupplierStatus::kNotCached);
  EXPECT_EQ(empty.suppliers[1].status, SupplierStatus::kNotCached);
}

TEST_F(CalendarServiceTest, FillStaysWithinTheBudgetCheapestCellsFirst) {
  // Days 5..9: alpha cached, beta not (one call each); days 0..4: neither (two calls each).
  for (Days d = kFirstOfMarch + 5; d < kFirstOfMarch + 10; ++d)
    source_.Cache("alpha", {d, std::nullopt});
  CalendarRequest r = OneWay(10, CalendarMode::kFill);
  r.max_price_minor = 10000 + 4000;  // days 0..4 only: days 5..9 need filling from beta
  r.max_calls = 9;
  const CalendarResult result = Run(r);
  // Within budget: the five one-call cells (5), then two two-call cells (4) -- the earliest.
  EXPECT_LE(source_.calls(), 9);
  EXPECT_EQ(source_.calls(), 9);
  EXPECT_EQ(result.supplier_calls, 9);
  EXPECT_EQ(result.calls_refused, 6);  // three two-call cells not begun
  const std::vector<ScriptedCalendarSource::Dates> called = source_.called();
  ASSERT_EQ(called.size(), 9u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(called[i].first, kFirstOfMarch + 5 + i) << i;
  EXPECT_EQ(called[5].first, kFirstOfMarch);
  EXPECT_EQ(called[7].first, kFirstOfMarch + 1);
  // Days 0 and 1 filled; 2..4 left as pass 1 found them; 5..9 over the price.
  EXPECT_TRUE(result.cells[0].filled());
  EXPECT_TRUE(result.cells[1].filled());
  EXPECT_FALSE(result.cells[2].filled());
  EXPECT_EQ(result.cells[2].suppliers[0].status, SupplierStatus::kNotCached);
  EXPECT_FALSE(result.cells[7].filled());
  EXPECT_EQ(result.cells_filled, 2);
}

TEST_F(CalendarServiceTest, EmptyCellsFillFirstThenCellsSomeSupplierDidNotAnswer) {
  // Days 0..4: alpha cached (filled, beta missing); days 5..9: neither cached (empty).
  for (Days d = kFirstOfMarch; d < kFirstOfMarch + 5; ++d)
    source_.Cache("alpha", {d, std::nullopt});
  CalendarRequest r = OneWay(10, CalendarMode::kFill);
  r.max_calls = 12;
  const CalendarResult result = Run(r);
  EXPECT_EQ(source_.calls(), 12);
  EXPECT_EQ(result.calls_refused, 3);
  const std::vector<ScriptedCalendarSource::Dates> called = source_.called();
  ASSERT_EQ(called.size(), 12u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(called[i].first, kFirstOfMarch + 5 + i / 2) << i;
  EXPECT_EQ(called[10].first, kFirstOfMarch);
  EXPECT_EQ(called[11].first, kFirstOfMarch + 1);
  EXPECT_EQ(result.cells_filled, 10);
  EXPECT_EQ(result.cells[0].suppliers[1].status, SupplierStatus::kOk);
  EXPECT_TRUE(result.cells[0].suppliers[0].cache.from_cache);
  EXPECT_EQ(result.cells[2].suppliers[1].status, SupplierStatus::kNotCached);
}

TEST_F(CalendarServiceTest, TheConfiguredCapBoundsTheRequestsBudget) {
  CalendarRequest r = OneWay(31, CalendarMode::kFill);
  r.max_calls = 1000;
  const CalendarResult result = Run(r, /*cap=*/10);
  EXPECT_EQ(source_.calls(), 10);
  EXPECT_EQ(result.cells_filled, 5);
  EXPECT_EQ(result.calls_refused, 52);
}

TEST_F(CalendarServiceTest, RateLimitedSuppliersCountAsRefused) {
  source_.RateLimit("beta");
  const CalendarResult result = Run(OneWay(4, CalendarMode::kFill));
  EXPECT_EQ(result.cells_filled, 4);
  EXPECT_EQ(result.supplier_calls, 4);
  EXPECT_EQ(result.calls_refused, 4);
  EXPECT_EQ(result.cells[0].suppliers[1].status, SupplierStatus::kRateLimited);
}

TEST_F(CalendarServiceTest, MaxStopsAndMaxPriceApplyToEveryCell) {
  CalendarRequest r = Grid7x7(CalendarMode::kFill);
  r.max_stops = 0;
  r.max_price_minor = 15000 + 2000 + 500;  // nonstop, departing on one of the first three days
  const CalendarResult result = Run(r);
  for (const CalendarCell& c : result.cells) {
    const bool cheap_enough =
        15000 + 1000 * (c.departure - kFirstOfMarch) + 100 * (*c.return_date - c.departure) <=
        r.max_price_minor;
    EXPECT_EQ(c.filled(), cheap_enough);
    if (c.filled()) {
      EXPECT_EQ(c.cheapest->max_slice_stops, 0);
      EXPECT_EQ(c.cheapest->total.minor, c.cheapest_nonstop->total.minor);
    }
  }
  EXPECT_GT(result.cells_filled, 0);
  EXPECT_LT(result.cells_filled, 49);
  // Suppliers were asked for no connections.
  for (const SearchRequest& s : source_.requests()) EXPECT_EQ(s.max_connections, 0);
}

TEST_F(CalendarServiceTest, SummaryHasTheCheapestCellAndBands) {
  const CalendarResult result = Run(OneWay(9, CalendarMode::kFill));
  EXPECT_EQ(result.cheapest_cell, 0u);
  ASSERT_TRUE(result.bands);
  EXPECT_EQ(result.bands->low_max.minor, 12000);
  EXPECT_EQ(result.bands->typical_max.minor, 15000);
}

TEST_F(CalendarServiceTest, TheLargestGridIsAskedInBoundedWavesAndFilledWithinTheCap) {
  CalendarRequest r = OneWay(kMaxCalendarDepartureDays, CalendarMode::kFill);
  r.min_nights = 0;
  r.max_nights = 30;
  const CalendarResult result = Run(r, /*cap=*/200);
  ASSERT_EQ(result.cells.size(), static_cast<std::size_t>(kMaxCalendarCells));
  EXPECT_EQ(source_.calls(), 200);
  EXPECT_EQ(result.cells_filled, 100);
  EXPECT_EQ(result.calls_refused, (kMaxCalendarCells - 100) * 2);
  // Parsed answers of a source that fetches when begun are held for a wave at most.
  EXPECT_LE(source_.max_in_flight(), 256);
  EXPECT_GE(source_.max_in_flight(), 100);  // the fill's cells were in flight at once
}

TEST(CalendarServiceBuiltinTest, TheBuiltinSupplierCostsNoCall) {
  BuiltinSource builtin(20);
  CalendarService service(builtin, refdata::FxRates::Builtin(), {});
  CalendarRequest r = OneWay(3, CalendarMode::kFill);
  r.destination = LocationCode::Parse("LHR");
  const CalendarResult result = service.Run(r);
  EXPECT_EQ(result.cells_filled, 3);
  EXPECT_EQ(result.supplier_calls, 0);
  EXPECT_EQ(result.calls_refused, 0);
}

}  // namespace
}  // namespace fareflow
