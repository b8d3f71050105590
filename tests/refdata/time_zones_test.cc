#include "refdata/time_zones.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace fareflow::refdata {
namespace {

Minutes Utc(int y, int m, int d, int hh = 0, int mm = 0) {
  return Minutes{DaysFromCivil(y, m, d)} * 1440 + hh * 60 + mm;
}
Minutes Local(int y, int m, int d, int hh = 0, int mm = 0) { return Utc(y, m, d, hh, mm); }

uint16_t Zone(std::string_view name) {
  std::optional<uint16_t> z = FindTimeZone(name);
  EXPECT_TRUE(z.has_value()) << name;
  return z.value_or(0);
}

TEST(TimeZones, NamesRoundTrip) {
  const uint16_t london = Zone("Europe/London");
  EXPECT_EQ(TimeZoneName(london), "Europe/London");
  EXPECT_FALSE(FindTimeZone("Mars/Olympus_Mons").has_value());
  EXPECT_FALSE(FindTimeZone("").has_value());
  EXPECT_EQ(TimeZoneName(60000), "");
}

TEST(TimeZones, OldNamesAreAliases) {
  EXPECT_EQ(FindTimeZone("Asia/Calcutta"), FindTimeZone("Asia/Kolkata"));
  EXPECT_EQ(FindTimeZone("Asia/Saigon"), FindTimeZone("Asia/Ho_Chi_Minh"));
  EXPECT_EQ(FindTimeZone("Europe/Kiev"), FindTimeZone("Europe/Kyiv"));
}

TEST(TimeZones, LondonOffsets) {
  const uint16_t z = Zone("Europe/London");
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 1, 15, 12)), 0);
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 7, 15, 12)), 60);
}

TEST(TimeZones, London2026TransitionInstants) {
  const uint16_t z = Zone("Europe/London");
  const Minutes spring = Utc(2026, 3, 29, 1, 0);
  EXPECT_EQ(UtcOffsetAtUtc(z, spring - 1), 0);
  EXPECT_EQ(UtcOffsetAtUtc(z, spring), 60);
  const Minutes autumn = Utc(2026, 10, 25, 1, 0);
  EXPECT_EQ(UtcOffsetAtUtc(z, autumn - 1), 60);
  EXPECT_EQ(UtcOffsetAtUtc(z, autumn), 0);
}

TEST(TimeZones, NewYork) {
  const uint16_t z = Zone("America/New_York");
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 1, 15)), -300);
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 7, 15)), -240);
  // Second Sunday of March 2026, 02:00 EST = 07:00 UTC.
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 3, 8, 6, 59)), -300);
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 3, 8, 7, 0)), -240);
}

TEST(TimeZones, KolkataHasNoDst) {
  const uint16_t z = Zone("Asia/Kolkata");
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 1, 15)), 330);
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 7, 15)), 330);
  EXPECT_EQ(LocalToUtc(z, Local(2026, 5, 1, 10, 0)), Utc(2026, 5, 1, 4, 30));
}

TEST(TimeZones, SydneySouthernHemisphereDst) {
  const uint16_t z = Zone("Australia/Sydney");
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 1, 15)), 660);  // summer, AEDT
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 7, 15)), 600);  // winter, AEST
  // DST ends on the first Sunday of April: 2026-04-05 03:00 AEDT = 2026-04-04 16:00 UTC.
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 4, 4, 15, 59)), 660);
  EXPECT_EQ(UtcOffsetAtUtc(z, Utc(2026, 4, 4, 16, 0)), 600);
}

TEST(TimeZones, OutsideTheTableUsesTheNearestKnownOffset) {
  EXPECT_EQ(UtcOffsetAtUtc(Zone("Asia/Kolkata"), Utc(1990, 1, 1)), 330);
  EXPECT_EQ(UtcOffsetAtUtc(Zone("Europe/London"), Utc(2010, 1, 1)), 0);  // before 2015: winter
  EXPECT_EQ(UtcOffsetAtUtc(Zone("Europe/London"), Utc(2050, 7, 1)), 0);  // after 2040: last
}

TEST(TimeZones, UnknownZoneIsUtc) {
  EXPECT_EQ(UtcOffsetAtUtc(60000, Utc(2026, 7, 1)), 0);
  EXPECT_EQ(LocalToUtc(60000, Local(2026, 7, 1, 12)), Utc(2026, 7, 1, 12));
}

TEST(LocalToUtc, OrdinaryTimes) {
  const uint16_t london = Zone("Europe/London");
  EXPECT_EQ(LocalToUtc(london, Local(2026, 1, 15, 9, 30)), Utc(2026, 1, 15, 9, 30));
  EXPECT_EQ(LocalToUtc(london, Local(2026, 7, 15, 9, 30)), Utc(2026, 7, 15, 8, 30));
  const uint16_t ny = Zone("America/New_York");
  EXPECT_EQ(LocalToUtc(ny, Local(2026, 7, 15, 18, 0)), Utc(2026, 7, 15, 22, 0));
}

TEST(LocalToUtc, GapUsesTheOffsetBeforeTheTransition) {
  const uint16_t london = Zone("Europe/London");
  // 2026-03-29 01:00..01:59 does not exist in London; GMT (offset 0) still applies.
  EXPECT_EQ(LocalToUtc(london, Local(2026, 3, 29, 0, 59)), Utc(2026, 3, 29, 0, 59));
  EXPECT_EQ(LocalToUtc(london, Local(2026, 3, 29, 1, 30)), Utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(LocalToUtc(london, Local(2026, 3, 29, 2, 0)), Utc(2026, 3, 29, 1, 0));
  const uint16_t ny = Zone("America/New_York");
  EXPECT_EQ(LocalToUtc(ny, Local(2026, 3, 8, 2, 30)), Utc(2026, 3, 8, 7, 30));
}

TEST(LocalToUtc, OverlapReturnsTheFirstOccurrence) {
  const uint16_t london = Zone("Europe/London");
  // 2026-10-25 01:00..01:59 happens twice: first in BST (00:00..00:59 UTC), then in GMT.
  EXPECT_EQ(LocalToUtc(london, Local(2026, 10, 25, 1, 30)), Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(LocalToUtc(london, Local(2026, 10, 25, 0, 59)), Utc(2026, 10, 24, 23, 59));
  EXPECT_EQ(LocalToUtc(london, Local(2026, 10, 25, 2, 0)), Utc(2026, 10, 25, 2, 0));
  const uint16_t sydney = Zone("Australia/Sydney");
  // 2026-04-05 02:00..02:59 happens twice in Sydney; first in AEDT (+11).
  EXPECT_EQ(LocalToUtc(sydney, Local(2026, 4, 5, 2, 30)), Utc(2026, 4, 4, 15, 30));
}

TEST(LocalToUtc, RoundTripsEveryHourOf2026InSeveralZones) {
  for (std::string_view name : {"Europe/London", "America/New_York", "Australia/Sydney",
                                "Asia/Kolkata", "America/Santiago", "Africa/Casablanca"}) {
    const uint16_t z = Zone(name);
    for (Minutes utc = Utc(2026, 1, 1); utc < Utc(2027, 1, 1); utc += 60) {
      const Minutes local = utc + UtcOffsetAtUtc(z, utc);
      const Minutes back = LocalToUtc(z, local);
      // Wall times in an overlap map to the first occurrence; all others round-trip exactly.
      if (back != utc) {
        EXPECT_LT(back, utc) << name << " " << utc;
        EXPECT_EQ(back + UtcOffsetAtUtc(z, back), local) << name << " " << utc;
      }
    }
  }
}

// Every call answers as the search over the zone's transitions does, whatever the calls before it
// on the same thread: each reference answer follows a call far away in time (1990), which leaves
// nothing of the times under test to reuse.
TEST(LocalToUtc, AnswersDoNotDependOnEarlierCalls) {
  for (std::string_view name : {"Europe/London", "America/New_York", "Australia/Sydney",
                                "Africa/Casablanca", "America/Santiago", "Asia/Kolkata"}) {
    const uint16_t z = Zone(name);
    std::vector<Minutes> locals;
    for (Minutes local = Local(2025, 12, 25); local < Local(2027, 1, 5); local += 17) {
      locals.push_back(local);
    }
    std::vector<Minutes> expected;
    for (Minutes local : locals) {
      LocalToUtc(z, Local(1990, 1, 1));
      expected.push_back(LocalToUtc(z, local));
    }
    // In order, in reverse, and back and forth across the year.
    for (std::size_t i = 0; i < locals.size(); ++i) {
      ASSERT_EQ(LocalToUtc(z, locals[i]), expected[i]) << name << " " << locals[i];
    }
    for (std::size_t i = locals.size(); i-- > 0;) {
      ASSERT_EQ(LocalToUtc(z, locals[i]), expected[i]) << name << " " << locals[i];
    }
    for (std::size_t i = 0; i < locals.size(); ++i) {
      const std::size_t j = (i * 7919) % locals.size();
      ASSERT_EQ(LocalToUtc(z, locals[j]), expected[j]) << name << " " << locals[j];
    }
  }
}

}  // namespace
}  // namespace fareflow::refdata
