#include "core/base64.h"

#include <gtest/gtest.h>

namespace fareflow {
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

// RFC 4648 section 10's test vectors.
TEST(Base64Test, EncodesTheRfcVectorsPadded) {
  EXPECT_EQ(EncodeBase64(""), "");
  EXPECT_EQ(EncodeBase64("f"), "Zg==");
  EXPECT_EQ(EncodeBase64("fo"), "Zm8=");
  EXPECT_EQ(EncodeBase64("foo"), "Zm9v");
  EXPECT_EQ(EncodeBase64("foob"), "Zm9vYg==");
  EXPECT_EQ(EncodeBase64("fooba"), "Zm9vYmE=");
  EXPECT_EQ(EncodeBase64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(EncodeBase64(std::string("\xfb\xff", 2)), "+/8=");
}

TEST(Base64Test, UrlAlphabetIsUnpaddedAndRoundTrips) {
  const std::string bytes("\xfb\xff\x00\x01\xfe", 5);
  EXPECT_EQ(EncodeBase64Url(bytes), "-_8AAf4");
  EXPECT_EQ(EncodeBase64Url("f"), "Zg");
  EXPECT_EQ(DecodeBase64Url("-_8AAf4").value(), bytes);
  EXPECT_EQ(DecodeBase64Url("-_8AAf4=").value(), bytes);
  EXPECT_FALSE(DecodeBase64Url("+/8A").has_value());
  EXPECT_FALSE(DecodeBase64Url("Z").has_value());
  for (std::size_t n = 0; n < 16; ++n) {
    std::string all;
    for (std::size_t i = 0; i < n; ++i) all.push_back(static_cast<char>(i * 37 + 200));
    EXPECT_EQ(DecodeBase64Url(EncodeBase64Url(all)).value(), all) << n;
    EXPECT_EQ(DecodeBase64(EncodeBase64(all)).value(), all) << n;
  }
}

}  // namespace
}  // namespace fareflow
