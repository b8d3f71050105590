#include "core/percent_encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

std::string Encoded(std::string_view value) {
  std::string out = "x=";
  AppendPercentEncoded(out, value);
  return out;
}

TEST(PercentEncodingTest, OnlyUnreservedBytesGoAsTheyAre) {
  EXPECT_EQ(Encoded("AZaz09-._~"), "x=AZaz09-._~");
  EXPECT_EQ(Encoded("a b+c=d&e/f?g%h"), "x=a%20b%2Bc%3Dd%26e%2Ff%3Fg%25h");
  EXPECT_EQ(Encoded(std::string("\x00\xff", 2)), "x=%00%FF");
}

TEST(PercentEncodingTest, DecodingIsStrictAndInvertsEncoding) {
  const std::string bytes = "user:p@ss w+rd/\xc3\xa9";
  std::string encoded;
  AppendPercentEncoded(encoded, bytes);
  EXPECT_EQ(PercentDecode(encoded), bytes);
  EXPECT_EQ(PercentDecode("a%2fb%2Fc+d"), "a/b/c+d");  // either case; '+' stays
  EXPECT_EQ(PercentDecode("%"), std::nullopt);
  EXPECT_EQ(PercentDecode("ab%4"), std::nullopt);
  EXPECT_EQ(PercentDecode("%zz"), std::nullopt);
}

}  // namespace
}  // namespace fareflow
