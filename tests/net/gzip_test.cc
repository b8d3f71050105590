#include "net/gzip.h"

#include <string>

#include <gtest/gtest.h>

namespace fareflow::net {
namespace {

TEST(GzipTest, RoundTrip) {
  std::string text;
  for (int i = 0; i < 10'000; ++i) text += "offer " + std::to_string(i) + ";";
  Result<std::string> packed = GzipCompress(text);
  ASSERT_TRUE(packed.has_value());
  EXPECT_LT(packed->size(), text.size());
  ASSERT_GE(packed->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  Result<std::string> unpacked = GzipDecompress(*packed);
  ASSERT_TRUE(unpacked.has_value());
  EXPECT_EQ(*unpacked, text);
}

TEST(GzipTest, EmptyInput) {
  Result<std::string> packed = GzipCompress("");
  ASSERT_TRUE(packed.has_value());
  Result<std::string> unpacked = GzipDecompress(*packed);
  ASSERT_TRUE(unpacked.has_value());
  EXPECT_EQ(*unpacked, "");
}

TEST(GzipTest, TruncatedAndCorruptInputAreErrors) {
  Result<std::string> packed = GzipCompress(std::string(5000, 'a') + "tail");
  ASSERT_TRUE(packed.has_value());
  EXPECT_FALSE(GzipDecompress(packed->substr(0, packed->size() / 2)).has_value());
  EXPECT_FALSE(GzipDecompress("not gzip at all").has_value());
}

TEST(GzipTest, OutputLimit) {
  Result<std::string> packed = GzipCompress(std::string(1 << 20, 'z'));
  ASSERT_TRUE(packed.has_value());
  Result<std::string> unpacked = GzipDecompress(*packed, 1000);
  ASSERT_FALSE(unpacked.has_value());
  EXPECT_EQ(unpacked.error().code, ErrorCode::kMalformed);
}

}  // namespace
}  // namespace fareflow::net
