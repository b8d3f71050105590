// The cache of supplier answers with its Redis tier on a real redis-server on loopback: answers
// shared between instances, expiry on an injected clock, a Redis that goes away, and the
// cross-instance claim on a call.

#include "cache/supplier_cache.h"
#include "cache/payload_frames.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>

#include "support/redis_server.h"

namespace fareflow::cache {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A payload as a search hands it to StoreLater.
std::shared_ptr<const std::string> Shared(std::string payload) {
  return std::make_shared<const std::string>(std::move(payload));
}
using testing_support::RedisServer;

constexpr int64_t kStart = 1'800'000'000;  // unix seconds, 2027-01-15T08:00:00Z
constexpr milliseconds kRedisTimeout{300};

// The unix clock the test moves; read from any thread.
struct FakeClock {
  std::atomic<int64_t> now{kStart};
  std::function<int64_t()> Source() {
    return [this] { return now.load(); };
  }
};

std::unique_ptr<RedisClient> ClientOf(const RedisServer& redis) {
  return std::make_unique<RedisClient>(RedisEndpoint{.host = "127.0.0.1", .port = redis.port()},
                                       kRedisTimeout);
}

CacheKey KeyDepartingIn(int days, const std::string& supplier = "amadeus-1") {
  SearchRequest request;
  request.slices = {{LocationCode::Parse("MAD"), LocationCode::Parse("BCN"),
                     static_cast<Days>(kStart / 86400 + days)}};
  return MakeCacheKey(supplier, request);
}

FareSummary Summary(int offers) {
  FareSummary summary;
  summary.offers = offers;
  if (offers > 0) {
    FareQuote q;
    q.total = {12'345, CurrencyCode::Parse("EUR")};
    q.per_adult = q.total;
    summary.cheapest_by_stops[0] = q;
  }
  return summary;
}

// Waits until `done` holds, for at most 5 s (the cache's writes run on its threads).
template <typename Done>
bool Eventually(Done done) {
  const auto until = steady_clock::now() + std::chrono::seconds(5);
  while (!done()) {
    if (steady_clock::now() > until) return false;
    std::this_thread::sleep_for(milliseconds(2));
  }
  return true;
}

// What AwaitOtherInstance's callback was given, once.
struct Awaited {
  std::promise<EntryPtr> promise;
  std::function<void(EntryPtr)> Callback() {
    return [this](EntryPtr e) { promise.set_value(std::move(e)); };
  }
};

TEST(SupplierCacheTest, InProcessOnlyStoresAndFindsAnAnswer) {
  FakeClock clock;
  SupplierCache cache({.clock = clock.Source()}, nullptr);
  EXPECT_FALSE(cache.shared());
  const CacheKey key = KeyDepartingIn(3);
  EXPECT_EQ(cache.Lookup(key), nullptr);
  cache.StoreLater(key, Shared("the payload"), Summary(2));
  // Counted once the store is done (the entry is in place before that).
  ASSERT_TRUE(Eventually([&] { return cache.stats().stores == 1; }));
  EntryPtr entry = cache.Lookup(key);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->key_text, key.text);
  EXPECT_EQ(entry->summary.offers, 2);
  EXPECT_EQ(entry->stored_at, kStart);
  EXPECT_EQ(entry->fresh_until, kStart + 4 * 3600);
  EXPECT_EQ(entry->keep_until, kStart + 4 * 3600 + 24 * 3600);
  auto payload = DecompressPayload(*entry, 1 << 20);
  ASSERT_TRUE(payload);
  EXPECT_EQ(*payload, "the payload");
  EXPECT_TRUE(cache.ClaimCall(key));  // no Redis: this instance calls
  const SupplierCacheStats stats = cache.stats();
  EXPECT_EQ(stats.stores, 1u);
  EXPECT_EQ(stats.entries, 1u);
  EXPECT_EQ(stats.bytes_held, entry->Bytes());
  EXPECT_EQ(stats.redis_hits, 0u);
}

TEST(SupplierCacheTest, AStoreIsFoundByAnotherInstanceThroughRedis) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  FakeClock clock;
  SupplierCache first({.clock = clock.Source()}, ClientOf(redis));
  SupplierCache second({.clock = clock.Source()}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(20);
  first.StoreLater(key, Shared(std::string(10'000, 'p')), Summary(5));
  ASSERT_TRUE(Eventually([&] { return second.Lookup(key) != nullptr; }));
  EntryPtr entry = second.Lookup(key);  // now from the second's own tier
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->summary.offers, 5);
  EXPECT_EQ(entry->fresh_until, kStart + 24 * 3600);  // 20 days out
  EXPECT_EQ(*DecompressPayload(*entry, 1 << 20), std::string(10'000, 'p'));
  EXPECT_EQ(second.stats().redis_hits, 1u);
  EXPECT_EQ(second.stats().entries, 1u);
  EXPECT_EQ(second.stats().redis_errors, 0u);
  // Another key is a miss in both tiers.
  EXPECT_EQ(second.Lookup(KeyDepartingIn(21)), nullptr);
}

TEST(SupplierCacheTest, AnEntryIsFreshThenStaleThenGonePastKeepUntil) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  FakeClock clock;
  SupplierCacheOptions options{.clock = clock.Source()};
  options.freshness.max_stale = std::chrono::hours(2);
  SupplierCache cache(options, ClientOf(redis));
  SupplierCache other(options, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(60);  // beyond 30 days: 36 h
  cache.StoreLater(key, Shared("p"), Summary(1));
  ASSERT_TRUE(Eventually([&] { return other.Lookup(key) != nullptr; }));

  clock.now = kStart + 36 * 3600 - 1;
  EntryPtr fresh = cache.Lookup(key);
  ASSERT_NE(fresh, nullptr);
  EXPECT_TRUE(fresh->Fresh(cache.Now()));

  clock.now = kStart + 36 * 3600;
  EntryPtr stale = cache.Lookup(key);
  ASSERT_NE(stale, nullptr);
  EXPECT_FALSE(stale->Fresh(cache.Now()));
  EXPECT_EQ(stale->AgeSeconds(cache.Now()), 36 * 3600);

  clock.now = kStart + 38 * 3600;  // keep_until: gone from both tiers, whatever Redis still holds
  EXPECT_EQ(cache.Lookup(key), nullptr);
  EXPECT_EQ(cache.stats().entries, 0u);
  SupplierCache third(options, ClientOf(redis));
  EXPECT_EQ(third.Lookup(key), nullptr);
}

TEST(SupplierCacheTest, NoFlightsAnswersUseTheirOwnLifetime) {
  FakeClock clock;
  SupplierCacheOptions options{.clock = clock.Source()};
  options.freshness.no_flights = std::chrono::hours(1);
  SupplierCache cache(options, nullptr);
  const CacheKey key = KeyDepartingIn(60);
  cache.StoreSummary(key, Summary(0));
  EntryPtr entry = cache.LookupLocal(key);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->fresh_until, kStart + 3600);
  EXPECT_TRUE(entry->compressed.empty());
  EXPECT_EQ(cache.stats().stores, 1u);
}

TEST(SupplierCacheTest, AStoppedRedisLeavesTheInProcessTierAndOpensTheBreaker) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  FakeClock clock;
  SupplierCache cache({.breaker_failures = 2, .clock = clock.Source()}, ClientOf(redis));
  const CacheKey stored = KeyDepartingIn(3);
  cache.StoreLater(stored, Shared("p"), Summary(1));
  auto direct = ClientOf(redis);  // the write has reached Redis before it goes
  ASSERT_TRUE(Eventually([&] {
    auto value = direct->Get("fareflow:cache:" + stored.digest);
    return value && value->has_value();
  }));
  redis.Stop();

  EXPECT_NE(cache.Lookup(stored), nullptr);  // the in-process tier answers without Redis
  const CacheKey missing = KeyDepartingIn(4);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(cache.Lookup(missing), nullptr);
  const SupplierCacheStats stats = cache.stats();
  EXPECT_EQ(stats.breaker_opens, 1u);
  EXPECT_EQ(stats.redis_errors, 5u);      // two failed calls, then three skipped
  EXPECT_TRUE(cache.ClaimCall(missing));  // no shared claim without Redis: call
  EXPECT_NE(cache.Lookup(stored), nullptr);
}

TEST(SupplierCacheTest, OneInstanceClaimsACallAndTheOtherGetsItsAnswer) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache first({}, ClientOf(redis));
  SupplierCache second({.claim_poll = milliseconds(5)}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(10);
  EXPECT_TRUE(first.ClaimCall(key));
  EXPECT_FALSE(second.ClaimCall(key));
  Awaited awaited;
  second.AwaitOtherInstance(key, steady_clock::now() + std::chrono::seconds(5), awaited.Callback());
  first.StoreLater(key, Shared("the answer"), Summary(3));
  auto future = awaited.promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EntryPtr entry = future.get();
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(*DecompressPayload(*entry, 1 << 20), "the answer");
  EXPECT_NE(second.LookupLocal(key), nullptr);  // kept for the next search
  // The store released the claim: the next call of the key may be claimed again.
  ASSERT_TRUE(Eventually([&] { return second.ClaimCall(key); }));
}

TEST(SupplierCacheTest, SearchesOutOfTimeDoNotOpenTheBreakerInFrontOfAHealthyRedis) {
  // Lookups and claims of searches whose deadline has passed end at once without asking Redis;
  // that is not Redis failing, so Redis is still asked afterwards: the other instance's claim is
  // seen (an open breaker would have this instance claim the call for itself).
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache first({}, ClientOf(redis));
  SupplierCache second({}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(10);
  ASSERT_TRUE(first.ClaimCall(key));
  const auto passed = steady_clock::now() - milliseconds(1);
  for (int n = 0; n < 50; ++n) {
    EXPECT_EQ(second.Lookup(key, passed), nullptr);
    EXPECT_TRUE(second.ClaimCall(key, passed));  // Redis not asked: this instance calls
  }
  EXPECT_FALSE(second.ClaimCall(key));
}

TEST(SupplierCacheTest, AFailedCallsReleaseEndsTheOtherInstancesWaitEarly) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache first({}, ClientOf(redis));
  SupplierCache second({.claim_poll = milliseconds(5)}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(10);
  ASSERT_TRUE(first.ClaimCall(key));
  Awaited awaited;
  const auto start = steady_clock::now();
  const auto until = start + std::chrono::seconds(30);
  second.AwaitOtherInstance(key, until, awaited.Callback());
  first.ReleaseCallLater(key);
  auto future = awaited.promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(future.get(), nullptr);
  EXPECT_LT(steady_clock::now(), until);
  EXPECT_TRUE(second.ClaimCall(key));  // the claim is gone
}

TEST(SupplierCacheTest, AWaitEndsWithNullAtItsDeadline) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache first({}, ClientOf(redis));
  SupplierCache second({.claim_poll = milliseconds(5)}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(10);
  ASSERT_TRUE(first.ClaimCall(key));  // and never stores nor releases
  Awaited awaited;
  const auto until = steady_clock::now() + milliseconds(100);
  second.AwaitOtherInstance(key, until, awaited.Callback());
  auto future = awaited.promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get(), nullptr);
  EXPECT_GE(steady_clock::now(), until);
}

TEST(SupplierCacheTest, AnotherInstancesClaimIsNeverDeletedByARelease) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache first({.claim_ttl = milliseconds(50)}, ClientOf(redis));
  SupplierCache second({}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(10);
  ASSERT_TRUE(first.ClaimCall(key));
  std::this_thread::sleep_for(milliseconds(150));  // the first's claim lapses
  ASSERT_TRUE(second.ClaimCall(key));
  first.ReleaseCallLater(key);
  first.StoreLater(KeyDepartingIn(11), Shared("x"), Summary(1));  // queued after the release
  ASSERT_TRUE(Eventually([&] { return first.stats().stores == 1; }));
  SupplierCache third({}, ClientOf(redis));
  EXPECT_FALSE(third.ClaimCall(key));  // the second's claim stands
}

TEST(SupplierCacheTest, AStaleCopyGivesWayToTheFresherOneAnotherInstanceStored) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  FakeClock clock;
  SupplierCache first({.clock = clock.Source()}, ClientOf(redis));
  SupplierCache second({.clock = clock.Source()}, ClientOf(redis));
  const CacheKey key = KeyDepartingIn(3);  // fresh for 4 h
  first.StoreLater(key, Shared("old"), Summary(1));
  ASSERT_TRUE(Eventually([&] { return second.Lookup(key) != nullptr; }));
  clock.now = kStart + 5 * 3600;  // stale in both instances
  ASSERT_FALSE(second.Lookup(key)->Fresh(second.Now()));
  first.StoreLater(key, Shared("new"), Summary(1));  // the first refreshed it
  ASSERT_TRUE(Eventually([&] { return second.Lookup(key)->Fresh(second.Now()); }));
  EXPECT_EQ(*DecompressPayload(*second.Lookup(key), 1 << 20), "new");
  EXPECT_EQ(*DecompressPayload(*second.LookupLocal(key), 1 << 20), "new");  // and kept
}

TEST(SupplierCacheTest, WritesBeyondTheQueueAndOversizedPayloadsAreDroppedAndCounted) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache other({}, ClientOf(redis));
  SupplierCache cache({.max_payload_bytes = 100, .threads = 1, .queue_limit = 1}, ClientOf(redis));
  cache.StoreLater(KeyDepartingIn(1), Shared(std::string(101, 'x')), Summary(1));
  EXPECT_EQ(cache.stats().stores_dropped, 1u);

  // The cache's one thread waits on another instance's call for a while; one task may wait
  // behind it, and everything after that is turned away.
  const CacheKey claimed = KeyDepartingIn(2);
  ASSERT_TRUE(other.ClaimCall(claimed));
  Awaited held;
  cache.AwaitOtherInstance(claimed, steady_clock::now() + std::chrono::seconds(2), held.Callback());
  for (int i = 0; i < 10; ++i) cache.StoreLater(KeyDepartingIn(10 + i), Shared("p"), Summary(1));
  EXPECT_GE(cache.stats().stores_dropped, 1u + 9u);
  // A wait turned away is answered at once, on the caller's thread.
  bool answered = false;
  cache.AwaitOtherInstance(KeyDepartingIn(3), steady_clock::now() + std::chrono::seconds(2),
                           [&](EntryPtr e) { answered = e == nullptr; });
  EXPECT_TRUE(answered);
  other.ReleaseCallLater(claimed);  // the held wait ends
  auto future = held.promise.get_future();
  ASSERT_EQ(future.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_EQ(future.get(), nullptr);
  ASSERT_TRUE(
      Eventually([&] { return cache.stats().stores + cache.stats().stores_dropped == 11; }));
}

TEST(SupplierCacheTest, PayloadsWaitingToBeStoredAreBoundedInBytes) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  SupplierCache other({}, ClientOf(redis));
  SupplierCache cache({.max_pending_bytes = 250, .threads = 1, .queue_limit = 100},
                      ClientOf(redis));
  // The cache's one thread is held; stores queue behind it until 250 bytes wait.
  const CacheKey claimed = KeyDepartingIn(2);
  ASSERT_TRUE(other.ClaimCall(claimed));
  Awaited held;
  cache.AwaitOtherInstance(claimed, steady_clock::now() + std::chrono::seconds(2), held.Callback());
  for (int i = 0; i < 5; ++i)
    cache.StoreLater(KeyDepartingIn(10 + i), Shared(std::string(100, 'p')), Summary(1));
  EXPECT_EQ(cache.stats().stores_dropped, 3u);  // 100 + 100 wait; the third would make 300
  other.ReleaseCallLater(claimed);
  ASSERT_EQ(held.promise.get_future().wait_for(std::chrono::seconds(5)), std::future_status::ready);
  ASSERT_TRUE(Eventually([&] { return cache.stats().stores == 2; }));
  // Once stored, their bytes no longer count: more may wait again.
  cache.StoreLater(KeyDepartingIn(20), Shared(std::string(200, 'p')), Summary(1));
  ASSERT_TRUE(Eventually([&] { return cache.stats().stores == 3; }));
}

TEST(SupplierCacheTest, NoteCountsTheFanOutsDecisions) {
  SupplierCache cache({}, nullptr);
  cache.Note(CacheEvent::kHit);
  cache.Note(CacheEvent::kHit);
  cache.Note(CacheEvent::kMiss);
  cache.Note(CacheEvent::kStaleServe);
  cache.Note(CacheEvent::kRefresh);
  cache.Note(CacheEvent::kJoin);
  cache.Note(CacheEvent::kBudgetRefusal);
  const SupplierCacheStats s = cache.stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.stale_serves, 1u);
  EXPECT_EQ(s.refreshes, 1u);
  EXPECT_EQ(s.joins, 1u);
  EXPECT_EQ(s.budget_refusals, 1u);
}

}  // namespace
}  // namespace fareflow::cache
