#include "core/money.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(ParseDecimalMinorTest, ReadsAmountsInMinorUnits) {
  EXPECT_EQ(ParseDecimalMinor("45.00", 2), 4500);
  EXPECT_EQ(ParseDecimalMinor("1234.5", 2), 123450);
  EXPECT_EQ(ParseDecimalMinor("7", 2), 700);
  EXPECT_EQ(ParseDecimalMinor("0.01", 2), 1);
  EXPECT_EQ(ParseDecimalMinor(".5", 2), 50);
  EXPECT_EQ(ParseDecimalMinor("-12.34", 2), -1234);
  EXPECT_EQ(ParseDecimalMinor("15000", 0), 15000);
  EXPECT_EQ(ParseDecimalMinor("1.234", 3), 1234);
}

TEST(ParseDecimalMinorTest, RoundsExtraDecimalsHalfAwayFromZero) {
  EXPECT_EQ(ParseDecimalMinor("1.005", 2), 101);
  EXPECT_EQ(ParseDecimalMinor("1.0049", 2), 100);
  EXPECT_EQ(ParseDecimalMinor("-1.005", 2), -101);
  EXPECT_EQ(ParseDecimalMinor("150.5", 0), 151);
}

TEST(ParseDecimalMinorTest, RejectsWhatIsNotAPlainDecimal) {
  for (const char* bad :
       {"", "-", ".", "1e3", "+5", "12,50", "1.2.3", " 1", "1 ", "abc", "1234567890123456"}) {
    EXPECT_FALSE(ParseDecimalMinor(bad, 2).has_value()) << bad;
  }
}

// FormatDecimalMinor into the 24 chars it asks for.
std::string Formatted(int64_t minor, int digits) {
  char buf[24];
  return std::string(buf, static_cast<std::size_t>(FormatDecimalMinor(minor, digits, buf)));
}

TEST(FormatDecimalMinorTest, WritesMinorDigits) {
  EXPECT_EQ(Formatted(123450, 2), "1234.50");
  EXPECT_EQ(Formatted(5, 2), "0.05");
  EXPECT_EQ(Formatted(0, 2), "0.00");
  EXPECT_EQ(Formatted(-1234, 2), "-12.34");
  EXPECT_EQ(Formatted(15000, 0), "15000");
  EXPECT_EQ(Formatted(1234, 3), "1.234");
  EXPECT_EQ(Formatted(INT64_MIN, 2), "-92233720368547758.08");
}

// Out of [0, kMaxMinorDigits] the digits are clamped, so no caller's 24 chars can overflow.
TEST(FormatDecimalMinorTest, ClampsMinorDigitsToTheBufferItPromises) {
  EXPECT_EQ(Formatted(-5, 40), "-0.000005");
  EXPECT_EQ(Formatted(INT64_MIN, 1000), "-9223372036854.775808");
  EXPECT_EQ(Formatted(1234, -3), "1234");
}

TEST(DivideRoundedTest, RoundsHalfAwayFromZero) {
  EXPECT_EQ(DivideRounded(10, 4), 3);  // 2.5
  EXPECT_EQ(DivideRounded(9, 4), 2);   // 2.25
  EXPECT_EQ(DivideRounded(-10, 4), -3);
  EXPECT_EQ(DivideRounded(12, 4), 3);
}

}  // namespace
}  // namespace fareflow
