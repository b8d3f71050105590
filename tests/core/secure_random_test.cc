#include "core/secure_random.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <set>
#include <string>

namespace fareflow {
namespace {

TEST(SecureRandomTest, HexIdHasThePrefixAndTwoDigitsPerByte) {
  const std::string id = SecureRandomHex("srch_");
  ASSERT_EQ(id.size(), 5 + 2 * kMinSecretBytes);
  EXPECT_EQ(id.substr(0, 5), "srch_");
  for (char c : id.substr(5)) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << c;
  EXPECT_EQ(SecureRandomHex("", 3).size(), 6u);
}

TEST(SecureRandomTest, IdsDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 10'000; ++i) EXPECT_TRUE(seen.insert(SecureRandomHex("k")).second);
}

// Every bit position is set about half the time: a constant or a stuck bit would show far
// outside this band (4,096 draws: mean 2,048, standard deviation 32; the band is 8 deviations).
TEST(SecureRandomTest, EveryBitVaries) {
  std::array<int, 64> ones{};
  for (int i = 0; i < 4096; ++i) {
    uint64_t v = 0;
    SecureRandomBytes(&v, sizeof v);
    for (int b = 0; b < 64; ++b) ones[b] += static_cast<int>((v >> b) & 1);
  }
  for (int b = 0; b < 64; ++b) {
    EXPECT_GT(ones[b], 2048 - 256) << "bit " << b;
    EXPECT_LT(ones[b], 2048 + 256) << "bit " << b;
  }
}

TEST(SecureRandomTest, FillsLargeBuffersCompletely) {
  std::string buffer(1 << 20, '\0');
  SecureRandomBytes(buffer.data(), buffer.size());
  // A megabyte of random bytes has about 4,096 zero bytes; an unfilled tail would have 1 << 20.
  std::size_t zeros = 0;
  for (char c : buffer) zeros += c == '\0';
  EXPECT_LT(zeros, 8192u);
  EXPECT_NE(buffer.substr(buffer.size() - 64), std::string(64, '\0'));
}

}  // namespace
}  // namespace fareflow
