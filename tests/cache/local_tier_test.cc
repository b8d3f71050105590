#include "cache/local_tier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace fareflow::cache {
namespace {

constexpr int64_t kNow = 1'800'000'000;

// An entry of `compressed_bytes` payload bytes whose key text is `key_text`.
EntryPtr Entry(const std::string& key_text, std::size_t compressed_bytes,
               int64_t keep_until = kNow + 3600) {
  auto e = std::make_shared<CacheEntry>();
  e->key_text = key_text;
  e->compressed = std::string(compressed_bytes, 'z');
  e->payload_size = compressed_bytes * 4;
  e->stored_at = kNow;
  e->fresh_until = kNow + 60;
  e->keep_until = keep_until;
  return e;
}

std::size_t Cost(std::size_t key_chars, std::size_t compressed_bytes) {
  return sizeof(CacheEntry) + key_chars + compressed_bytes;
}

TEST(LocalTierTest, EvictsTheLeastRecentlyUsedFirstAndCountsBytes) {
  // Room for three entries of 1000 bytes with one-letter keys, not four.
  LocalTier tier(3 * Cost(1, 1000) + 10);
  tier.Put("a", Entry("A", 1000));
  tier.Put("b", Entry("B", 1000));
  tier.Put("c", Entry("C", 1000));
  EXPECT_EQ(tier.bytes(), 3 * Cost(1, 1000));
  EXPECT_EQ(tier.entries(), 3u);
  tier.Put("d", Entry("D", 1000));
  EXPECT_EQ(tier.evictions(), 1u);
  EXPECT_EQ(tier.Get("a", "A", kNow), nullptr);  // the oldest went
  EXPECT_NE(tier.Get("b", "B", kNow), nullptr);
  EXPECT_NE(tier.Get("c", "C", kNow), nullptr);
  EXPECT_NE(tier.Get("d", "D", kNow), nullptr);
  EXPECT_EQ(tier.bytes(), 3 * Cost(1, 1000));
  EXPECT_EQ(tier.entries(), 3u);
}

TEST(LocalTierTest, GetMakesAnEntryMostRecentlyUsed) {
  LocalTier tier(3 * Cost(1, 1000) + 10);
  tier.Put("a", Entry("A", 1000));
  tier.Put("b", Entry("B", 1000));
  tier.Put("c", Entry("C", 1000));
  ASSERT_NE(tier.Get("a", "A", kNow), nullptr);  // now b is the oldest
  tier.Put("d", Entry("D", 1000));
  EXPECT_NE(tier.Get("a", "A", kNow), nullptr);
  EXPECT_EQ(tier.Get("b", "B", kNow), nullptr);
}

TEST(LocalTierTest, AnEntryLargerThanTheBudgetIsNotKeptAndEvictsNothing) {
  LocalTier tier(Cost(1, 1000) * 2);
  tier.Put("a", Entry("A", 1000));
  tier.Put("big", Entry("BIG", 5000));
  EXPECT_EQ(tier.Get("big", "BIG", kNow), nullptr);
  EXPECT_NE(tier.Get("a", "A", kNow), nullptr);
  EXPECT_EQ(tier.evictions(), 0u);
  EXPECT_EQ(tier.bytes(), Cost(1, 1000));
}

TEST(LocalTierTest, ReplacingAnEntryKeepsTheAccountRight) {
  LocalTier tier(1 << 20);
  tier.Put("a", Entry("A", 1000));
  tier.Put("a", Entry("A", 3000));
  EXPECT_EQ(tier.entries(), 1u);
  EXPECT_EQ(tier.bytes(), Cost(1, 3000));
  EXPECT_EQ(tier.Get("a", "A", kNow)->compressed.size(), 3000u);
  // A replacement too large for the budget leaves nothing under the digest.
  LocalTier small(Cost(1, 1000));
  small.Put("a", Entry("A", 1000));
  small.Put("a", Entry("A", 2000));
  EXPECT_EQ(small.Get("a", "A", kNow), nullptr);
  EXPECT_EQ(small.bytes(), 0u);
}

TEST(LocalTierTest, ADifferentKeyTextUnderTheSameDigestIsAMiss) {
  LocalTier tier(1 << 20);
  tier.Put("d", Entry("one key", 10));
  EXPECT_EQ(tier.Get("d", "another key", kNow), nullptr);
  EXPECT_NE(tier.Get("d", "one key", kNow), nullptr);  // still there for its own key
}

TEST(LocalTierTest, AnEntryPastKeepUntilIsDropped) {
  LocalTier tier(1 << 20);
  tier.Put("a", Entry("A", 10, kNow + 100));
  EXPECT_NE(tier.Get("a", "A", kNow + 99), nullptr);
  EXPECT_EQ(tier.Get("a", "A", kNow + 100), nullptr);
  EXPECT_EQ(tier.entries(), 0u);
  EXPECT_EQ(tier.bytes(), 0u);
  EXPECT_EQ(tier.evictions(), 0u);  // expiry is not an eviction
}

TEST(LocalTierTest, AnEvictedEntryStaysAliveForItsReader) {
  LocalTier tier(Cost(1, 1000));
  tier.Put("a", Entry("A", 1000));
  EntryPtr held = tier.Get("a", "A", kNow);
  tier.Put("b", Entry("B", 1000));
  ASSERT_EQ(tier.Get("a", "A", kNow), nullptr);
  EXPECT_EQ(held->compressed.size(), 1000u);
}

TEST(LocalTierTest, EightThreadsPutAndGetWithinTheBudget) {
  const std::size_t budget = 50 * Cost(4, 500);
  LocalTier tier(budget);
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        // Odd steps read the key the step before wrote: found unless 50 newer entries evicted it.
        const std::string key = std::to_string(1000 + ((i / 2) * 7 + t) % 200);
        if (i % 2 == 0) {
          tier.Put(key, Entry(key, 500));
        } else if (EntryPtr e = tier.Get(key, key, kNow)) {
          EXPECT_EQ(e->key_text, key);
          found.fetch_add(1);
        }
        EXPECT_LE(tier.bytes(), budget);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_GT(found.load(), 0);
  tier.Put("9999", Entry("9999", 500));
  EXPECT_NE(tier.Get("9999", "9999", kNow), nullptr);
  EXPECT_EQ(tier.bytes(), tier.entries() * Cost(4, 500));
  EXPECT_LE(tier.entries(), 50u);
  EXPECT_GT(tier.evictions(), 0u);
}

}  // namespace
}  // namespace fareflow::cache
