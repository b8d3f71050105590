#include "calendar/calendar_values.h"

#include <gtest/gtest.h>

#include "support/scripted_calendar_source.h"

namespace fareflow {
namespace {

SupplierOutcome Outcome(std::string name, std::optional<FareSummary> summary,
                        SupplierStatus status = SupplierStatus::kOk) {
  SupplierOutcome o;
  o.name = std::move(name);
  o.status = status;
  o.summary = summary;
  return o;
}

TEST(CalendarValuesTest, MergesOkSuppliersWithinStopsAndPrice) {
  CalendarRequest r;
  r.max_stops = 1;
  r.max_price_minor = 30000;
  const std::vector<SupplierOutcome> outcomes = {
      Outcome("a", ScriptedSummary({ScriptedQuote(25000, 1, "IB"), ScriptedQuote(40000, 0)})),
      Outcome("b", ScriptedSummary({ScriptedQuote(20000, 2, "LH"), ScriptedQuote(28000, 0)})),
      // Not ok: its fares do not count, even the cheapest.
      Outcome("c", ScriptedSummary({ScriptedQuote(100, 0)}), SupplierStatus::kTimeout),
  };
  CalendarCell cell;
  FillCell(r, outcomes, cell);
  ASSERT_TRUE(cell.filled());
  EXPECT_EQ(cell.cheapest->total.minor, 25000);  // the 2-stop 200.00 is over max_stops
  EXPECT_EQ(cell.cheapest->carriers[0], AirlineCode::Parse("IB"));
  ASSERT_TRUE(cell.cheapest_nonstop);
  EXPECT_EQ(cell.cheapest_nonstop->total.minor, 28000);
  ASSERT_EQ(cell.suppliers.size(), 3u);
  EXPECT_EQ(cell.suppliers[0].cheapest->total.minor, 25000);
  EXPECT_EQ(cell.suppliers[1].cheapest->total.minor, 28000);
  EXPECT_EQ(cell.suppliers[2].status, SupplierStatus::kTimeout);
  EXPECT_FALSE(cell.suppliers[2].cheapest);
}

TEST(CalendarValuesTest, OverThePriceIsEmpty) {
  CalendarRequest r;
  r.max_price_minor = 10000;
  const std::vector<SupplierOutcome> outcomes = {
      Outcome("a", ScriptedSummary({ScriptedQuote(25000, 0)}))};
  CalendarCell cell;
  FillCell(r, outcomes, cell);
  EXPECT_FALSE(cell.filled());
  EXPECT_FALSE(cell.cheapest_nonstop);
  ASSERT_EQ(cell.suppliers.size(), 1u);
  EXPECT_EQ(cell.suppliers[0].status, SupplierStatus::kOk);
}

TEST(CalendarValuesTest, NotCachedSupplierLeavesTheCellEmpty) {
  CalendarCell cell;
  FillCell({}, std::vector<SupplierOutcome>{Outcome("a", std::nullopt, SupplierStatus::kNotCached)},
           cell);
  EXPECT_FALSE(cell.filled());
  ASSERT_EQ(cell.suppliers.size(), 1u);
  EXPECT_EQ(cell.suppliers[0].status, SupplierStatus::kNotCached);
}

CalendarResult WithTotals(std::vector<std::optional<int64_t>> totals) {
  CalendarResult result;
  for (std::size_t i = 0; i < totals.size(); ++i) {
    CalendarCell& c = result.cells.emplace_back();
    c.departure = static_cast<Days>(i);
    if (totals[i]) c.cheapest = ScriptedQuote(*totals[i], 0);
  }
  return result;
}

TEST(CalendarValuesTest, BandsAreTercilesOfTheFilledCells) {
  CalendarResult result =
      WithTotals({600, std::nullopt, 100, 500, 200, 400, 300, 900, 800, 700, std::nullopt});
  SummarizeCells(result);
  EXPECT_EQ(result.cells_filled, 9);
  ASSERT_TRUE(result.bands);
  EXPECT_EQ(result.bands->low_max.minor, 300);
  EXPECT_EQ(result.bands->typical_max.minor, 600);
  EXPECT_EQ(result.bands->low_max.currency, CurrencyCode::Parse("EUR"));
  ASSERT_TRUE(result.cheapest_cell);
  EXPECT_EQ(*result.cheapest_cell, 2u);
}

TEST(CalendarValuesTest, CheapestCellIsTheEarliestOnATie) {
  CalendarResult result = WithTotals({std::nullopt, 500, 200, 200, 300});
  SummarizeCells(result);
  EXPECT_EQ(result.cheapest_cell, 2u);
  ASSERT_TRUE(result.bands);
  // Four cells: two low (200, 200), one typical (300), one high (500).
  EXPECT_EQ(result.bands->low_max.minor, 200);
  EXPECT_EQ(result.bands->typical_max.minor, 300);
}

TEST(CalendarValuesTest, NoFilledCellNoBands) {
  CalendarResult result = WithTotals({std::nullopt, std::nullopt});
  SummarizeCells(result);
  EXPECT_EQ(result.cells_filled, 0);
  EXPECT_FALSE(result.bands);
  EXPECT_FALSE(result.cheapest_cell);
}

}  // namespace
}  // namespace fareflow
