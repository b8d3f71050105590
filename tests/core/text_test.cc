#include "core/text.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(TrimTest, RemovesSpacesAndTabsAtBothEndsOnly) {
  EXPECT_EQ(Trim(" \tBearer  abc \t "), "Bearer  abc");
  EXPECT_EQ(Trim("gzip"), "gzip");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("x\r"), "x\r");
}

TEST(TrimTest, TrimsTheBlanksItIsGiven) {
  EXPECT_EQ(Trim("EUR 1.0 \r", " \t\r"), "EUR 1.0");
  static_assert(Trim(" a ") == "a");
}

}  // namespace
}  // namespace fareflow
