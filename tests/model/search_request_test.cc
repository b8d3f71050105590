#include "model/search_request.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(ParseTimeWindowTest, ReadsAndRejects) {
  auto w = ParseTimeWindow("06:00-12:30");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->from_minute, 360);
  EXPECT_EQ(w->to_minute, 750);
  EXPECT_EQ(ParseTimeWindow("00:00-24:00")->to_minute, 1439);
  for (const char* bad : {"6:00-12:00", "06:00", "06:60-07:00", "aa:bb-cc:dd", "25:00-26:00"}) {
    EXPECT_FALSE(ParseTimeWindow(bad).has_value()) << bad;
  }
  auto wrapped = ParseTimeWindow("22:00-06:00");
  ASSERT_TRUE(wrapped.has_value());
  EXPECT_EQ(wrapped->from_minute, 22 * 60);
  EXPECT_EQ(wrapped->to_minute, 6 * 60);
  auto bad = ParseTimeWindow("0600-1200");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "time window must look like 06:00-12:00");
}

}  // namespace
}  // namespace fareflow
