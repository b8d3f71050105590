#include "core/echo.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

TEST(EchoTest, ShortTextIsEchoedWhole) {
  EXPECT_EQ(EchoPrefix(""), "");
  EXPECT_EQ(EchoPrefix("max_stops"), "max_stops");
  EXPECT_EQ(EchoPrefix(std::string(kEchoBytes, 'a')), std::string(kEchoBytes, 'a'));
}

TEST(EchoTest, LongTextIsCutAtTheBoundWithAnEllipsis) {
  EXPECT_EQ(EchoPrefix(std::string(kEchoBytes + 1, 'a')), std::string(kEchoBytes, 'a') + "\u2026");
  EXPECT_EQ(EchoPrefix(std::string(1 << 20, 'b')), std::string(kEchoBytes, 'b') + "\u2026");
  EXPECT_EQ(EchoPrefix("abcdef", 3), "abc\u2026");
}

TEST(EchoTest, MultiByteCharactersAreKeptWholeOrLeftOut) {
  // "é" is two bytes: a cut through it leaves it out rather than echo half of it.
  const std::string text = std::string(kEchoBytes - 1, 'a') + "\u00e9" + "zzz";
  EXPECT_EQ(EchoPrefix(text), std::string(kEchoBytes - 1, 'a') + "\u2026");
  // A four-byte character that ends exactly at the bound is kept.
  const std::string emoji = std::string(kEchoBytes - 4, 'a') + "\U0001F600" + "zzz";
  EXPECT_EQ(EchoPrefix(emoji), std::string(kEchoBytes - 4, 'a') + "\U0001F600" + "\u2026");
  EXPECT_EQ(EchoPrefix("\u00e9\u00e9\u00e9", 3), "\u00e9\u2026");
}

TEST(EchoTest, BytesThatAreNotUtf8AreNotEchoed) {
  // A query parameter is percent-decoded bytes: what is not UTF-8 must not reach a JSON answer.
  EXPECT_EQ(EchoPrefix("ab\xff"
                       "cd"),
            "ab\u2026");
  EXPECT_EQ(EchoPrefix("\xc3"), "\u2026");
}

}  // namespace
}  // namespace fareflow
