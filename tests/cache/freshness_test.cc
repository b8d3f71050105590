#include "cache/freshness.h"

#include <gtest/gtest.h>

namespace fareflow::cache {
namespace {

using std::chrono::hours;

TEST(FreshnessTest, DefaultsByDaysToDepartureWithTheirBoundaries) {
  const FreshnessPolicy policy;
  const Days today = *ParseDate("2027-03-01");
  EXPECT_EQ(policy.FreshFor(today, today, 10), hours(4));
  EXPECT_EQ(policy.FreshFor(today + 7, today, 10), hours(4));
  EXPECT_EQ(policy.FreshFor(today + 8, today, 10), hours(24));
  EXPECT_EQ(policy.FreshFor(today + 30, today, 10), hours(24));
  EXPECT_EQ(policy.FreshFor(today + 31, today, 10), hours(36));
  EXPECT_EQ(policy.FreshFor(today + 300, today, 10), hours(36));
}

TEST(FreshnessTest, ADepartureBeforeTodayCountsAsWithinSevenDays) {
  const FreshnessPolicy policy;
  const Days today = *ParseDate("2027-03-01");
  EXPECT_EQ(policy.FreshFor(today - 1, today, 3), hours(4));
  EXPECT_EQ(policy.FreshFor(today - 400, today, 3), hours(4));
}

TEST(FreshnessTest, NoFlightsAtAnyDistanceUsesItsOwnLifetime) {
  FreshnessPolicy policy;
  policy.no_flights = hours(2);
  const Days today = *ParseDate("2027-03-01");
  EXPECT_EQ(policy.FreshFor(today, today, 0), hours(2));
  EXPECT_EQ(policy.FreshFor(today + 20, today, 0), hours(2));
  EXPECT_EQ(policy.FreshFor(today + 200, today, 0), hours(2));
  EXPECT_EQ(policy.FreshFor(today + 200, today, 1), hours(36));
}

TEST(FreshnessTest, ConfiguredLifetimesAreUsed) {
  FreshnessPolicy policy;
  policy.within_7_days = hours(1);
  policy.within_30_days = hours(2);
  policy.beyond = hours(3);
  const Days today = 20'000;
  EXPECT_EQ(policy.FreshFor(today + 7, today, 1), hours(1));
  EXPECT_EQ(policy.FreshFor(today + 8, today, 1), hours(2));
  EXPECT_EQ(policy.FreshFor(today + 31, today, 1), hours(3));
}

}  // namespace
}  // namespace fareflow::cache
