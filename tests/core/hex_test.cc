#include "core/hex.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

TEST(HexTest, EncodesEveryByteAsTwoLowercaseDigits) {
  EXPECT_EQ(EncodeHex(""), "");
  EXPECT_EQ(EncodeHex(std::string("\x00\x0f\xa5\xff", 4)), "000fa5ff");
}

TEST(HexTest, DecodesEitherCaseAndRoundTrips) {
  EXPECT_EQ(DecodeHex("000fA5fF"), std::string("\x00\x0f\xa5\xff", 4));
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  EXPECT_EQ(DecodeHex(EncodeHex(all)), all);
}

TEST(HexTest, OddLengthsAndNonDigitsAreRefused) {
  EXPECT_EQ(DecodeHex("abc"), std::nullopt);
  EXPECT_EQ(DecodeHex("0g"), std::nullopt);
  EXPECT_EQ(DecodeHex("0 "), std::nullopt);
}

}  // namespace
}  // namespace fareflow
