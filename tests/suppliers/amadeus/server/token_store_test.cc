#include "suppliers/amadeus/server/token_store.h"

#include <gtest/gtest.h>

#include <array>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace fareflow::amadeus {
namespace {

constexpr int64_t kTtl = 100;

TEST(TokenStoreTest, ATokenIsValidForItsTtlThenExpiredThenForgotten) {
  TokenStore tokens(kTtl);
  const std::string token = tokens.Issue(1000);
  EXPECT_EQ(tokens.Check(token, 1000), TokenState::kValid);
  EXPECT_EQ(tokens.Check(token, 1099), TokenState::kValid);
  EXPECT_EQ(tokens.Check(token, 1100), TokenState::kExpired);
  EXPECT_EQ(tokens.Check(token, 1199), TokenState::kExpired);
  // A TTL after it expired it is forgotten, by the lookup itself.
  EXPECT_EQ(tokens.Check(token, 1200), TokenState::kUnknown);
  EXPECT_EQ(tokens.size(), 0u);
  EXPECT_EQ(tokens.Check("not-a-token", 1000), TokenState::kUnknown);
}

TEST(TokenStoreTest, TheNumberOfTokensKeptIsBoundedAndTheOldestGoFirst) {
  TokenStore tokens(kTtl, 1000);
  std::vector<std::string> issued;
  for (int i = 0; i < 5000; ++i) issued.push_back(tokens.Issue(1000));
  EXPECT_EQ(tokens.size(), 1000u);
  for (int i = 0; i < 4000; ++i) {
    ASSERT_EQ(tokens.Check(issued[i], 1000), TokenState::kUnknown) << i;
  }
  for (int i = 4000; i < 5000; ++i) ASSERT_EQ(tokens.Check(issued[i], 1000), TokenState::kValid);
  EXPECT_EQ(TokenStore(kTtl).max_tokens(), 100'000u) << "the default bound";
}

// 30 characters, each uniform over 62: 178 bits. A generator that favours some characters (or
// repeats) shows here: 30,000 characters per letter would be 9,677 each, standard deviation 97;
// the band is 8 deviations. SplitMix64 bits taken mod 62 drew 'A' and 'B' twice as often.
TEST(TokenStoreTest, TokensAre30UniformAlphanumericCharacters) {
  TokenStore tokens(kTtl);
  std::array<int, 256> counts{};
  std::set<std::string> seen;
  constexpr int kTokens = 20'000;
  for (int i = 0; i < kTokens; ++i) {
    const std::string token = tokens.Issue(1000);
    ASSERT_EQ(token.size(), 30u);
    ASSERT_TRUE(seen.insert(token).second);
    for (unsigned char c : token) {
      ASSERT_TRUE(std::isalnum(c)) << token;
      ++counts[c];
    }
  }
  const double expected = kTokens * 30.0 / 62;
  for (int c = 0; c < 256; ++c) {
    if (!std::isalnum(c)) continue;
    EXPECT_GT(counts[c], expected - 800) << static_cast<char>(c);
    EXPECT_LT(counts[c], expected + 800) << static_cast<char>(c);
  }
}

// Issue and Check are O(1) amortised: the store looks at no more entries than one per token
// issued plus one per call, however many it keeps. (The store used to scan every token on each
// Issue once it held 4,096.)
TEST(TokenStoreTest, IssuingAndCheckingManyTokensDoesNotScan) {
  TokenStore tokens(kTtl);
  constexpr int kIssued = 50'000;
  std::string last;
  for (int i = 0; i < kIssued; ++i) last = tokens.Issue(1000 + i / 1000);
  for (int i = 0; i < kIssued; ++i) ASSERT_EQ(tokens.Check(last, 1049), TokenState::kValid);
  EXPECT_EQ(tokens.size(), static_cast<std::size_t>(kIssued));
  EXPECT_LE(tokens.entries_examined(), uint64_t{2 * kIssued}) << "one per call when none go";
  // Two TTLs later every token goes, once each.
  EXPECT_EQ(tokens.Check(last, 1300), TokenState::kUnknown);
  EXPECT_EQ(tokens.size(), 0u);
  EXPECT_LE(tokens.entries_examined(), uint64_t{3 * kIssued + 1});
}

}  // namespace
}  // namespace fareflow::amadeus
