#include "lambda/base64.h"

#include <gtest/gtest.h>

namespace fareflow::lambda {
namespace {

TEST(Base64Test, DecodesWithAndWithoutPadding) {
  EXPECT_EQ(DecodeBase64("").value(), "");
  EXPECT_EQ(DecodeBase64("Zg==").value(), "f");
  EXPECT_EQ(DecodeBase64("Zm8").value(), "fo");
  EXPECT_EQ(DecodeBase64("Zm9vYmFy").value(), "foobar");
  EXPECT_EQ(DecodeBase64("+/8=").value(), std::string("\xfb\xff", 2));
}

TEST(Base64Test, RefusesOtherCharactersAndImpossibleLengths) {
  EXPECT_FALSE(DecodeBase64("Zm9v YmFy").has_value());
  EXPECT_FALSE(DecodeBase64("Z").has_value());
  EXPECT_FALSE(DecodeBase64("Zm-_").has_value());
}

}  // namespace
}  // namespace fareflow::lambda
