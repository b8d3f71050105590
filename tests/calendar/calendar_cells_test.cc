#include "calendar/calendar_cells.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

constexpr Days kMarch1 = DaysFromCivil(2027, 3, 1);

CalendarRequest Request() {
  CalendarRequest r;
  r.origin = LocationCode::Parse("MAD");
  r.destination = LocationCode::Parse("LON");
  r.departure_from = kMarch1;
  r.departure_to = kMarch1 + 30;
  return r;
}

TEST(CalendarCellsTest, OneWayHasOneCellPerDepartureDate) {
  const std::vector<CalendarCell> cells = ExpandCells(Request());
  ASSERT_EQ(cells.size(), 31u);
  EXPECT_EQ(CalendarCellCount(Request()), 31);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    EXPECT_EQ(cells[i].departure, kMarch1 + static_cast<Days>(i));
    EXPECT_FALSE(cells[i].return_date);
    ASSERT_EQ(cells[i].search.slices.size(), 1u);
    EXPECT_EQ(cells[i].search.slices[0].departure_date, cells[i].departure);
  }
}

TEST(CalendarCellsTest, NightsMakeADepartureByTripLengthGrid) {
  CalendarRequest r = Request();
  r.departure_to = kMarch1 + 6;
  r.min_nights = 3;
  r.max_nights = 9;
  const std::vector<CalendarCell> cells = ExpandCells(r);
  ASSERT_EQ(cells.size(), 49u);
  EXPECT_EQ(CalendarCellCount(r), 49);
  EXPECT_EQ(cells[0].departure, kMarch1);
  EXPECT_EQ(cells[0].return_date, kMarch1 + 3);
  EXPECT_EQ(cells[6].return_date, kMarch1 + 9);
  EXPECT_EQ(cells[7].departure, kMarch1 + 1);
  EXPECT_EQ(cells[7].return_date, kMarch1 + 4);
  const SearchRequest& s = cells[48].search;
  ASSERT_EQ(s.slices.size(), 2u);
  EXPECT_EQ(s.slices[1].origin, LocationCode::Parse("LON"));
  EXPECT_EQ(s.slices[1].destination, LocationCode::Parse("MAD"));
  EXPECT_EQ(s.slices[1].departure_date, kMarch1 + 6 + 9);
}

TEST(CalendarCellsTest, ReturnRangeSkipsReturnsBeforeTheDeparture) {
  CalendarRequest r = Request();
  r.departure_to = kMarch1 + 4;  // 1..5 March
  r.return_from = kMarch1 + 2;   // 3..6 March
  r.return_to = kMarch1 + 5;
  const std::vector<CalendarCell> cells = ExpandCells(r);
  // 1 and 2 March: 4 returns each; 3: 4; 4: 3; 5: 2.
  ASSERT_EQ(cells.size(), 17u);
  EXPECT_EQ(CalendarCellCount(r), 17);
  for (const CalendarCell& c : cells) EXPECT_GE(*c.return_date, c.departure);
  EXPECT_EQ(cells.back().departure, kMarch1 + 4);
  EXPECT_EQ(cells.back().return_date, kMarch1 + 5);
  // Same-day returns are cells.
  EXPECT_EQ(cells[cells.size() - 2].return_date, kMarch1 + 4);
}

TEST(CalendarCellsTest, CellSearchCarriesTheRequestsTermsAndDefaults) {
  CalendarRequest r = Request();
  r.passengers.adults = 2;
  r.passengers.child_ages = {5};
  r.cabin = Cabin::kBusiness;
  r.currency = CurrencyCode::Parse("GBP");
  r.max_stops = 1;
  r.max_price_minor = 45000;
  const SearchRequest s = CellSearch(r, kMarch1, kMarch1 + 7);
  EXPECT_EQ(s.passengers.adults, 2);
  EXPECT_EQ(s.passengers.child_ages, std::vector<int>{5});
  EXPECT_EQ(s.cabin, Cabin::kBusiness);
  EXPECT_EQ(s.currency, CurrencyCode::Parse("GBP"));
  EXPECT_EQ(s.filters.max_stops, 1);
  EXPECT_EQ(s.max_connections, 1);
  EXPECT_EQ(s.filters.max_price_minor, 45000);
  EXPECT_EQ(s.limit, kDefaultLimit);
  EXPECT_EQ(s.sort, SortKey::kBest);

  const SearchRequest open = CellSearch(Request(), kMarch1, std::nullopt);
  EXPECT_FALSE(open.max_connections);
  EXPECT_FALSE(open.filters.max_stops);
  EXPECT_TRUE(open.filters.empty());
}

}  // namespace
}  // namespace fareflow
