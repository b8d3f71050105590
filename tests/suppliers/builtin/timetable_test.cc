#include "suppliers/builtin/timetable.h"

#include <gtest/gtest.h>

#include "refdata/airports.h"

namespace fareflow::builtin {
namespace {

const refdata::Airport& At(const char* code) {
  const refdata::Airport* a = refdata::FindAirport(LocationCode::Parse(code));
  EXPECT_NE(a, nullptr) << code;
  return *a;
}

TEST(TimetableTest, FlightsAreStablePerRouteCarrierAndDate) {
  Arena arena;
  Timetable table(1234, 1, arena);
  const Days date = DaysFromCivil(2026, 12, 20);
  const AirlineCode ba = AirlineCode::Parse("BA");
  const std::vector<Flight>& flights = table.Flights(At("LHR"), At("JFK"), ba, date);
  ASSERT_FALSE(flights.empty());
  EXPECT_EQ(&table.Flights(At("LHR"), At("JFK"), ba, date), &flights) << "cached, not rebuilt";
  for (const Flight& f : flights) {
    EXPECT_EQ(f.carrier, ba);
    EXPECT_EQ(DayOf(f.dep_local), date);
    EXPECT_GT(f.arr_utc, f.dep_utc);
    EXPECT_FALSE(f.number.empty());
    EXPECT_FALSE(f.aircraft.empty());
  }
  Arena other_arena;
  Timetable again(1234, 1, other_arena);
  const std::vector<Flight>& same = again.Flights(At("LHR"), At("JFK"), ba, date);
  ASSERT_EQ(same.size(), flights.size());
  for (std::size_t i = 0; i < same.size(); ++i) {
    EXPECT_EQ(same[i].dep_utc, flights[i].dep_utc);
    EXPECT_EQ(same[i].number, flights[i].number);
  }
}

TEST(TimetableTest, ConnectionsRespectTheMinimumConnectionTime) {
  Arena arena;
  Timetable table(99, 2, arena);
  const Days date = DaysFromCivil(2026, 12, 20);
  const AirlineCode ba = AirlineCode::Parse("BA");
  std::vector<const Flight*> onward;
  std::size_t found = 0;
  for (const Flight& in : table.Flights(At("EDI"), At("LHR"), ba, date)) {
    Connections(table, in, At("JFK"), ba, 3, onward);
    EXPECT_LE(onward.size(), 3u);
    found += onward.size();
    for (const Flight* out : onward) {
      EXPECT_GE(out->dep_utc - in.arr_utc, 45);
      EXPECT_LE(out->dep_utc - in.arr_utc, 12 * 60);
    }
  }
  EXPECT_GT(found, 0u);
}

}  // namespace
}  // namespace fareflow::builtin
