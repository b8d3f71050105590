#include "store/search_store.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace fareflow {
namespace {

using std::chrono::seconds;
using TimePoint = std::chrono::system_clock::time_point;

const TimePoint kStart = TimePoint(std::chrono::hours(24 * 365 * 56));

// A clock the test moves by hand.
struct FakeClock {
  TimePoint now = kStart;
  SearchStore::Clock AsClock() {
    return [this] { return now; };
  }
};

// A search whose context holds one payload of `payload_bytes`, expiring `ttl` after kStart.
std::shared_ptr<CompletedSearch> MakeSearch(std::string id, std::size_t payload_bytes,
                                            seconds ttl = seconds(900)) {
  auto search = std::make_shared<CompletedSearch>();
  search->id = std::move(id);
  search->created = kStart;
  search->expires = kStart + ttl;
  search->context = std::make_unique<RequestContext>(SearchRequest{});
  search->context->AddPayload(simdjson::padded_string(std::string(payload_bytes, ' ')));
  return search;
}

std::size_t BytesOf(std::size_t payload_bytes) {
  return StoredSearchBytes(*MakeSearch("x", payload_bytes));
}

// Like MakeSearch, with the payload kept the way fan-out keeps a supplier's answer: as the HTTP
// body's std::string.
std::shared_ptr<CompletedSearch> MakeFannedOutSearch(std::string id, std::size_t payload_bytes) {
  auto search = MakeSearch(std::move(id), 0);
  search->context->AddPayload(std::string(payload_bytes, ' '));
  return search;
}

TEST(SearchStoreTest, FindsWhatWasPutAndCountsItsBytes) {
  FakeClock clock;
  SearchStore store(1 << 20, clock.AsClock());
  store.Put(MakeSearch("a", 1000));
  std::shared_ptr<CompletedSearch> found = store.Find("a");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, "a");
  EXPECT_EQ(store.Find("b"), nullptr);
  SearchStoreStats stats = store.stats();
  EXPECT_EQ(stats.searches, 1u);
  EXPECT_EQ(stats.bytes, BytesOf(1000));
  EXPECT_EQ(stats.evictions, 0u);
}

TEST(SearchStoreTest, ExpiredSearchIsGoneAndSweptOnce) {
  FakeClock clock;
  SearchStore store(1 << 20, clock.AsClock());
  store.Put(MakeSearch("short", 100, seconds(10)));
  store.Put(MakeSearch("long", 100, seconds(100)));
  clock.now = kStart + seconds(10);
  EXPECT_EQ(store.Find("short"), nullptr);
  EXPECT_NE(store.Find("long"), nullptr);
  EXPECT_EQ(store.stats().searches, 2u);  // Find hides; Sweep lets go
  EXPECT_EQ(store.Sweep(clock.now), 1u);
  EXPECT_EQ(store.Sweep(clock.now), 0u);
  SearchStoreStats stats = store.stats();
  EXPECT_EQ(stats.searches, 1u);
  EXPECT_EQ(stats.bytes, BytesOf(100));
  EXPECT_EQ(stats.expirations, 1u);
}

TEST(SearchStoreTest, PutSweepsExpiredSearches) {
  FakeClock clock;
  SearchStore store(1 << 20, clock.AsClock());
  store.Put(MakeSearch("old", 100, seconds(10)));
  clock.now = kStart + seconds(20);
  store.Put(MakeSearch("new", 100, seconds(900)));
  EXPECT_EQ(store.stats().searches, 1u);
  EXPECT_EQ(store.stats().expirations, 1u);
}

TEST(SearchStoreTest, MemoryCapEvictsTheLeastRecentlyUsed) {
  FakeClock clock;
  const std::size_t one = BytesOf(10000);
  SearchStore store(3 * one, clock.AsClock());
  store.Put(MakeSearch("a", 10000));
  store.Put(MakeSearch("b", 10000));
  store.Put(MakeSearch("c", 10000));
  ASSERT_NE(store.Find("a"), nullptr);  // "b" is now the least recently used
  store.Put(MakeSearch("d", 10000));
  EXPECT_EQ(store.Find("b"), nullptr);
  EXPECT_NE(store.Find("a"), nullptr);
  EXPECT_NE(store.Find("c"), nullptr);
  EXPECT_NE(store.Find("d"), nullptr);
  SearchStoreStats stats = store.stats();
  EXPECT_EQ(stats.searches, 3u);
  EXPECT_EQ(stats.bytes, 3 * one);
  EXPECT_EQ(stats.evictions, 1u);
}

TEST(SearchStoreTest, SearchLargerThanTheCapIsNotKept) {
  SearchStore store(BytesOf(100));
  store.Put(MakeSearch("small", 100, seconds(900)));
  auto huge = MakeSearch("huge", 100000);
  huge->expires = std::chrono::system_clock::now() + seconds(900);
  store.Put(huge);
  EXPECT_EQ(store.Find("huge"), nullptr);
  EXPECT_EQ(store.stats().evictions, 1u);
}

TEST(SearchStoreTest, SameIdReplaces) {
  FakeClock clock;
  SearchStore store(1 << 20, clock.AsClock());
  store.Put(MakeSearch("a", 100));
  store.Put(MakeSearch("a", 2000));
  EXPECT_EQ(store.stats().searches, 1u);
  EXPECT_EQ(store.stats().bytes, BytesOf(2000));
}

TEST(SearchStoreTest, EvictedSearchLivesOnWhileSomeoneHoldsIt) {
  FakeClock clock;
  SearchStore store(BytesOf(1000), clock.AsClock());
  store.Put(MakeSearch("a", 1000));
  std::shared_ptr<CompletedSearch> held = store.Find("a");
  store.Put(MakeSearch("b", 1000));
  EXPECT_EQ(store.Find("a"), nullptr);
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(StoredSearchBytes(*held), BytesOf(1000));
}

// Four large supplier answers once held 3.9 GB under a 512 MB cap: the bodies fan-out keeps were
// not counted, so the store never evicted.
TEST(SearchStoreTest, PayloadHeavySearchesAreEvictedToStayUnderTheCap) {
  FakeClock clock;
  constexpr std::size_t kPayload = 1 << 20;
  constexpr std::size_t kCap = 8 * kPayload;
  SearchStore store(kCap, clock.AsClock());
  for (int i = 0; i < 20; ++i) store.Put(MakeFannedOutSearch("s" + std::to_string(i), kPayload));
  const SearchStoreStats stats = store.stats();
  EXPECT_LE(stats.bytes, kCap);
  EXPECT_LE(stats.searches * kPayload, kCap);
  EXPECT_GE(stats.evictions, 12u);
  EXPECT_NE(store.Find("s19"), nullptr);
  EXPECT_EQ(store.Find("s0"), nullptr);
}

// Resident memory of this process (/proc/self/statm).
std::size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

// What the process holds beyond the store's count (docs/configuration.md, store.max_megabytes):
// the allocator's rounding and headers, the search being put before an older one is let go of,
// and freed blocks not yet returned to the kernel.
constexpr std::size_t kStatedOverhead = std::size_t{16} << 20;

TEST(SearchStoreTest, ResidentMemoryStaysUnderTheCapPlusTheStatedOverhead) {
#ifdef FAREFLOW_SANITIZED
  GTEST_SKIP() << "resident memory means nothing under a sanitizer: freed blocks wait in its "
                  "quarantine and every allocation has shadow memory";
#endif
  constexpr std::size_t kPayload = std::size_t{4} << 20;
  constexpr std::size_t kCap = std::size_t{32} << 20;
  const std::size_t before = ResidentBytes();
  std::size_t peak = before;
  {
    SearchStore store(kCap);
    for (int i = 0; i < 48; ++i) {
      auto search = MakeFannedOutSearch("s" + std::to_string(i), kPayload);
      search->expires = std::chrono::system_clock::now() + seconds(900);
      store.Put(std::move(search));
      peak = std::max(peak, ResidentBytes());
    }
    EXPECT_GT(store.stats().evictions, 0u);
    std::printf("resident growth %zu KiB for a %zu KiB cap holding %zu KiB in %zu searches\n",
                (peak - before) >> 10, kCap >> 10, store.stats().bytes >> 10,
                store.stats().searches);
  }
  EXPECT_LE(peak - before, kCap + kStatedOverhead);
}

TEST(SearchStoreTest, StoredSearchBytesCountsTheResultsVectors) {
  auto search = MakeSearch("a", 0);
  const std::size_t before = StoredSearchBytes(*search);
  search->result.offers.resize(10000);
  search->result.selection.resize(10000);
  EXPECT_GE(StoredSearchBytes(*search),
            before + 10000 * (sizeof(Offer*) + sizeof(search->result.selection[0])));
}

TEST(SearchStoreTest, ConcurrentPutsAndFindsKeepTheAccounts) {
  FakeClock clock;
  const std::size_t one = BytesOf(100);
  SearchStore store(8 * one, clock.AsClock());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&store, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        store.Put(MakeSearch(id, 100));
        store.Find(id);
        store.Find(std::to_string((t + 1) % 4) + "-" + std::to_string(i));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  SearchStoreStats stats = store.stats();
  EXPECT_EQ(stats.searches, 8u);
  EXPECT_EQ(stats.bytes, 8 * one);
  EXPECT_EQ(stats.evictions, 800u - 8u);
}

}  // namespace
}  // namespace fareflow
