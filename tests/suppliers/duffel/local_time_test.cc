#include "suppliers/duffel/local_time.h"

#include <gtest/gtest.h>

namespace fareflow::duffel {
namespace {

Minutes Local(const char* text) { return *ParseLocalDateTime(text); }

TEST(DuffelLocalTimeTest, PlainAndFractionalSeconds) {
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02"), Local("2020-06-13T16:38"));
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02.000"), Local("2020-06-13T16:38"));
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38"), Local("2020-06-13T16:38"));
}

TEST(DuffelLocalTimeTest, ZoneDesignatorsAreIgnored) {
  const Minutes expected = Local("2020-06-13T16:38");
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02Z"), expected);
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02.123Z"), expected);
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38Z"), expected);
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02+01:00"), expected);
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02-0500"), expected);
  EXPECT_EQ(ParseLocalTime("2020-06-13T16:38:02.5+05"), expected);
}

TEST(DuffelLocalTimeTest, RejectsWhatIsNotADateTime) {
  EXPECT_FALSE(ParseLocalTime(""));
  EXPECT_FALSE(ParseLocalTime("Z"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13T16:38:02+1"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13T16:38:02+01:0"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13T16:38:02+ab:cd"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13T16:38:02ZZ"));
  EXPECT_FALSE(ParseLocalTime("2020-02-30T16:38:02"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13T24:00:00Z"));
  EXPECT_FALSE(ParseLocalTime("2020-06-13 16:38:02"));
}

}  // namespace
}  // namespace fareflow::duffel
