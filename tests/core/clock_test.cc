#include "core/clock.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

using std::chrono::system_clock;

TEST(ClockTest, IsoUtcWritesSecondsOrMillisecondsInUtc) {
  const auto when = system_clock::from_time_t(784111777) + std::chrono::milliseconds(42);
  EXPECT_EQ(IsoUtc(when), "1994-11-06T08:49:37Z");
  EXPECT_EQ(IsoUtcMillis(when), "1994-11-06T08:49:37.042Z");
  EXPECT_EQ(IsoUtc(system_clock::from_time_t(0)), "1970-01-01T00:00:00Z");
}

TEST(ClockTest, TodayAndNowAgreeWithTheSystemClock) {
  const int64_t before = UnixSecondsNow();
  const Days today = TodayUtc();
  const int64_t after = UnixSecondsNow();
  EXPECT_LE(before, after);
  EXPECT_GE(today, static_cast<Days>(before / 86400));
  EXPECT_LE(today, static_cast<Days>(after / 86400));
  EXPECT_GT(today, DaysFromCivil(2024, 1, 1));
  char text[32];
  FormatDate(today, text);
  const std::string date(text, 10);
  const std::string on_before = IsoUtc(system_clock::from_time_t(before)).substr(0, 10);
  const std::string on_after = IsoUtc(system_clock::from_time_t(after)).substr(0, 10);
  EXPECT_TRUE(date == on_before || date == on_after) << date;
}

}  // namespace
}  // namespace fareflow
