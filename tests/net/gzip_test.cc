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

TEST(GunzipStreamTest, PiecesDecodeToTheWhole) {
  std::string text;
  for (int i = 0; i < 20'000; ++i) text += "offer " + std::to_string(i) + ";";
  const std::string packed = *GzipCompress(text);
  GunzipStream stream(text.size());
  std::string out;
  GunzipStream::Outcome outcome = GunzipStream::Outcome::kMore;
  for (std::size_t at = 0; at < packed.size(); at += 100) {
    outcome = stream.Feed(std::string_view(packed).substr(at, 100), out);
    if (at + 100 < packed.size()) {
      ASSERT_EQ(outcome, GunzipStream::Outcome::kMore) << at;
    }
  }
  EXPECT_EQ(outcome, GunzipStream::Outcome::kEnd);
  EXPECT_EQ(out, text);  // exactly the limit is not past it
}

TEST(GunzipStreamTest, StopsAtTheLimitWithItsFirstBytes) {
  std::string text;
  for (int i = 0; i < 20'000; ++i) text += "offer " + std::to_string(i) + ";";
  const std::string packed = *GzipCompress(text);
  GunzipStream stream(1000);
  std::string out;
  EXPECT_EQ(stream.Feed(packed, out), GunzipStream::Outcome::kFull);
  EXPECT_EQ(out, text.substr(0, 1000));
  EXPECT_LE(out.capacity(), 1000u);
  EXPECT_EQ(stream.Feed(packed, out), GunzipStream::Outcome::kFull);  // and stays so
  EXPECT_EQ(out.size(), 1000u);
}

TEST(GunzipStreamTest, GrowWithinNeverPassesTheLimit) {
  std::string out;
  for (std::size_t size = 0; size + 700 <= 100'000; size += 700) {
    GrowWithin(out, 700, 100'000);
    EXPECT_LE(out.capacity(), 100'000u);
    EXPECT_GE(out.capacity(), size + 700);
    out.append(700, 'x');
  }
}

}  // namespace
}  // namespace fareflow::net
