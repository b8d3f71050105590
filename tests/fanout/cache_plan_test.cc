// The fan-out through the cache of supplier answers (fanout/cache_plan.cc), against the
// emulators on real loopback HTTP servers and, for the shared tier, a real redis-server. Supplier
// calls are counted at the emulators; no duration is asserted.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "cache/supplier_cache.h"
#include "fanout/fan_out.h"
#include "fanout/fan_out_fixture.h"
#include "fanout/supplier_endpoint.h"
#include "store/redis_url.h"
#include "support/redis_server.h"
#include "support/silent_listener.h"

namespace fareflow::fanout {
namespace {

using std::chrono::milliseconds;
using testing::FanOutTest;
using testing::LondonNewYork;
using testing::SystemUnixSeconds;
using testing_support::RedisServer;

constexpr int64_t kHour = 3600;

class CachePlanTest : public FanOutTest {
 protected:
  // A cache whose clock is clock_ (unix seconds); shared through `redis` when given.
  std::unique_ptr<cache::SupplierCache> MakeCache(const RedisServer* redis = nullptr) {
    cache::SupplierCacheOptions options;
    options.clock = [clock = clock_] { return clock->load(); };
    options.claim_poll = milliseconds(10);
    std::unique_ptr<RedisClient> client;
    if (redis) {
      client = std::make_unique<RedisClient>(*ParseRedisUrl(redis->url()), milliseconds(500));
    }
    return std::make_unique<cache::SupplierCache>(std::move(options), std::move(client));
  }

  static SearchRequest Request(int days_ahead, CacheMode mode = CacheMode::kPrefer) {
    SearchRequest r = LondonNewYork();
    const Days today = static_cast<Days>(SystemUnixSeconds() / 86400);
    r.slices[0].departure_date = today + days_ahead;
    r.slices[1].departure_date = today + days_ahead + 7;
    r.cache = mode;
    return r;
  }

  // The offers of an outcome, as (supplier offer id, total) pairs in order.
  static std::vector<std::pair<std::string, int64_t>> Offers(const SupplierOutcome& o) {
    std::vector<std::pair<std::string, int64_t>> out;
    if (o.batch) {
      for (const Offer& offer : o.batch->offers) {
        out.emplace_back(std::string(offer.supplier_offer_id), offer.total.minor);
      }
    }
    return out;
  }

  // Waits until `cache` has stored `n` entries (stores run on its threads).
  static void AwaitStores(const cache::SupplierCache& cache, uint64_t n) {
    for (int i = 0; i < 500 && cache.stats().stores < n; ++i) {
      std::this_thread::sleep_for(milliseconds(10));
    }
  }

  std::shared_ptr<std::atomic<int64_t>> clock_ =
      std::make_shared<std::atomic<int64_t>>(SystemUnixSeconds());
};

TEST_F(CachePlanTest, ACachedAnswerIsTheLiveOneParsedAgain) {
  auto cache = MakeCache();
  auto fan_out = Make({Amadeus(), Duffel()}, cache.get());
  const std::vector<SupplierOutcome> live = Search(*fan_out, Request(40));
  ASSERT_EQ(live[0].status, SupplierStatus::kOk) << Describe(live[0]);
  ASSERT_EQ(live[1].status, SupplierStatus::kOk) << Describe(live[1]);
  EXPECT_FALSE(live[0].cache.from_cache);
  const auto live_offers = std::make_pair(Offers(live[0]), Offers(live[1]));
  AwaitStores(*cache, 2);
  ASSERT_EQ(amadeus_->search_requests, 1);
  ASSERT_EQ(duffel_->search_requests, 1);

  clock_->fetch_add(600);
  const std::vector<SupplierOutcome> cached = Search(*fan_out, Request(40));
  for (const SupplierOutcome& o : cached) {
    EXPECT_EQ(o.status, SupplierStatus::kOk) << Describe(o);
    EXPECT_TRUE(o.cache.from_cache) << o.name;
    EXPECT_EQ(o.cache.age_seconds, 600) << o.name;
    EXPECT_FALSE(o.cache.stale) << o.name;
  }
  EXPECT_EQ(std::make_pair(Offers(cached[0]), Offers(cached[1])), live_offers);
  EXPECT_EQ(amadeus_->search_requests, 1);  // no new call
  EXPECT_EQ(duffel_->search_requests, 1);
  EXPECT_EQ(cache->stats().hits, 2u);
}

TEST_F(CachePlanTest, AStuckRedisIsWaitedForOnlyUntilTheSearchsDeadline) {
  // Redis accepts connections and never answers, with a 20 s timeout: the lookups and the claims
  // of a search with 400 ms left end at its deadline, not 20 s later for each supplier.
  testing_support::SilentListener silent;
  cache::SupplierCacheOptions options;
  options.clock = [clock = clock_] { return clock->load(); };
  auto cache = std::make_unique<cache::SupplierCache>(
      std::move(options),
      std::make_unique<RedisClient>(RedisEndpoint{.host = "127.0.0.1", .port = silent.port()},
                                    milliseconds(20'000)));
  auto fan_out = Make({Amadeus(), Duffel()}, cache.get());
  const auto start = std::chrono::steady_clock::now();
  const std::vector<SupplierOutcome> outcomes = Search(*fan_out, Request(3), milliseconds(400));
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(10'000));
  ASSERT_EQ(outcomes.size(), 2u);
  for (const SupplierOutcome& o : outcomes) {
    EXPECT_EQ(o.status, SupplierStatus::kTimeout) << Describe(o);
  }
}

TEST_F(CachePlanTest, FreshnessFollowsDaysToDepartureThenAStaleAnswerIsRefreshedOnce) {
  auto cache = MakeCache();
  auto fan_out = Make({Amadeus()}, cache.get());
  // Within 7 days: fresh for 4 hours. Beyond 30 days: 36 hours.
  ASSERT_EQ(Search(*fan_out, Request(3))[0].status, SupplierStatus::kOk);
  ASSERT_EQ(Search(*fan_out, Request(45))[0].status, SupplierStatus::kOk);
  AwaitStores(*cache, 2);
  ASSERT_EQ(amadeus_->search_requests, 2);

  clock_->fetch_add(4 * kHour - 1);
  EXPECT_TRUE(Search(*fan_out, Request(3))[0].cache.from_cache);
  EXPECT_FALSE(Search(*fan_out, Request(3))[0].cache.stale);
  clock_->fetch_add(2);  // 4 h + 1 s: the near one is stale, the far one fresh
  const SupplierOutcome stale = Search(*fan_out, Request(3))[0];
  EXPECT_EQ(stale.status, SupplierStatus::kOk);
  EXPECT_TRUE(stale.cache.from_cache);
  EXPECT_TRUE(stale.cache.stale);
  const SupplierOutcome far = Search(*fan_out, Request(45))[0];
  EXPECT_TRUE(far.cache.from_cache);
  EXPECT_FALSE(far.cache.stale);

  // The stale serve started one background refresh, which stores a fresh answer.
  AwaitStores(*cache, 3);
  EXPECT_EQ(amadeus_->search_requests, 3);
  EXPECT_EQ(cache->stats().refreshes, 1u);
  const SupplierOutcome refreshed = Search(*fan_out, Request(3))[0];
  EXPECT_TRUE(refreshed.cache.from_cache);
  EXPECT_FALSE(refreshed.cache.stale);

  clock_->fetch_add(36 * kHour);  // the far one too is stale now
  EXPECT_TRUE(Search(*fan_out, Request(45))[0].cache.stale);
}

TEST_F(CachePlanTest, ModesRefreshBypassAndOnly) {
  auto cache = MakeCache();
  auto fan_out = Make({Amadeus()}, cache.get());
  // Only: never calls; nothing cached yet.
  const SupplierOutcome none = Search(*fan_out, Request(20, CacheMode::kOnly))[0];
  EXPECT_EQ(none.status, SupplierStatus::kNotCached);
  EXPECT_EQ(amadeus_->search_requests, 0);
  // Bypass: calls, and writes nothing.
  EXPECT_EQ(Search(*fan_out, Request(20, CacheMode::kBypass))[0].status, SupplierStatus::kOk);
  EXPECT_EQ(Search(*fan_out, Request(20, CacheMode::kOnly))[0].status, SupplierStatus::kNotCached);
  EXPECT_EQ(amadeus_->search_requests, 1);
  // Refresh: calls and stores.
  EXPECT_FALSE(Search(*fan_out, Request(20, CacheMode::kRefresh))[0].cache.from_cache);
  AwaitStores(*cache, 1);
  EXPECT_EQ(amadeus_->search_requests, 2);
  EXPECT_TRUE(Search(*fan_out, Request(20, CacheMode::kOnly))[0].cache.from_cache);
  EXPECT_TRUE(Search(*fan_out, Request(20, CacheMode::kPrefer))[0].cache.from_cache);
  // Refresh calls although a fresh answer is cached.
  EXPECT_FALSE(Search(*fan_out, Request(20, CacheMode::kRefresh))[0].cache.from_cache);
  EXPECT_EQ(amadeus_->search_requests, 3);
  EXPECT_EQ(Search(*fan_out, Request(20, CacheMode::kBypass))[0].status, SupplierStatus::kOk);
  EXPECT_EQ(amadeus_->search_requests, 4);
}

TEST_F(CachePlanTest, ThirtyTwoIdenticalSearchesAtOnceMakeOneCall) {
  auto cache = MakeCache();
  // 32 parses of the shared answers on two workers may take a while under sanitizers: the test
  // is about how many calls are made, so nothing may time out.
  SupplierConfig amadeus = Amadeus();
  SupplierConfig duffel = Duffel();
  amadeus.timeout = duffel.timeout = milliseconds(30000);
  auto fan_out = Make({amadeus, duffel}, cache.get());
  amadeus_->latency_ms = 300;
  duffel_->latency_ms = 300;
  constexpr int kSearches = 32;
  std::vector<std::vector<SupplierOutcome>> outcomes(kSearches);
  std::vector<std::unique_ptr<RequestContext>> contexts(kSearches);
  std::vector<std::thread> threads;
  for (int t = 0; t < kSearches; ++t) {
    threads.emplace_back([&, t] {
      contexts[t] = std::make_unique<RequestContext>(Request(25));
      const Enricher enricher(contexts[t]->request(), refdata::FxRates::Builtin());
      outcomes[t] = fan_out->Fetch(*contexts[t], enricher,
                                   std::chrono::steady_clock::now() + milliseconds(30000));
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(amadeus_->search_requests, 1);
  EXPECT_EQ(duffel_->search_requests, 1);
  std::size_t kept = 0;
  for (const auto& o : outcomes) {
    ASSERT_EQ(o.size(), 2u);
    for (const SupplierOutcome& s : o) EXPECT_EQ(s.status, SupplierStatus::kOk) << Describe(s);
    if (kept == 0) kept = static_cast<std::size_t>(o[0].kept());
    EXPECT_EQ(static_cast<std::size_t>(o[0].kept()), kept);
    EXPECT_GT(o[0].kept(), 0);
  }
  EXPECT_EQ(cache->stats().joins, 2u * (kSearches - 1));
}

TEST_F(CachePlanTest, TheCallBudgetRefusesThenTheCacheStandsIn) {
  auto cache = MakeCache();
  SupplierConfig amadeus = Amadeus();
  amadeus.calls_per_second = 1;
  amadeus.burst = 2;
  auto fan_out = Make({amadeus}, cache.get());  // the fan-out's clock stands still: no refill
  EXPECT_EQ(Search(*fan_out, Request(10))[0].status, SupplierStatus::kOk);
  EXPECT_EQ(Search(*fan_out, Request(11))[0].status, SupplierStatus::kOk);
  AwaitStores(*cache, 2);
  const SupplierOutcome refused = Search(*fan_out, Request(12))[0];
  EXPECT_EQ(refused.status, SupplierStatus::kRateLimited);
  EXPECT_EQ(amadeus_->search_requests, 2);
  EXPECT_EQ(cache->stats().budget_refusals, 1u);
  // A refresh past the budget is answered by the cached answer.
  clock_->fetch_add(600);
  const SupplierOutcome stood_in = Search(*fan_out, Request(10, CacheMode::kRefresh))[0];
  EXPECT_EQ(stood_in.status, SupplierStatus::kOk);
  EXPECT_TRUE(stood_in.cache.from_cache);
  EXPECT_EQ(stood_in.cache.age_seconds, 600);
  // It is not stored again, as if it were an answer just received: it keeps its age. (Stores run
  // on the cache's threads, a few milliseconds after the search: a second is long enough.)
  for (int i = 0; i < 100 && cache->stats().stores == 2; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_EQ(cache->stats().stores, 2u);
  EXPECT_EQ(Search(*fan_out, Request(10))[0].cache.age_seconds, 600);
  // A second later the bucket has a token again.
  now_->fetch_add(1000);
  EXPECT_EQ(Search(*fan_out, Request(12))[0].status, SupplierStatus::kOk);
  EXPECT_EQ(amadeus_->search_requests, 3);
}

TEST_F(CachePlanTest, AStoppedRedisLeavesTheInProcessTier) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  auto cache = MakeCache(&redis);
  auto fan_out = Make({Amadeus()}, cache.get());
  ASSERT_EQ(Search(*fan_out, Request(30))[0].status, SupplierStatus::kOk);
  AwaitStores(*cache, 1);
  redis.Stop();
  const SupplierOutcome cached = Search(*fan_out, Request(30))[0];
  EXPECT_EQ(cached.status, SupplierStatus::kOk);
  EXPECT_TRUE(cached.cache.from_cache);
  // New searches call the supplier; the cache misses Redis, and its breaker opens.
  for (int day = 31; day < 36; ++day) {
    EXPECT_EQ(Search(*fan_out, Request(day))[0].status, SupplierStatus::kOk) << day;
  }
  EXPECT_EQ(amadeus_->search_requests, 6);
  EXPECT_GT(cache->stats().redis_errors, 0u);
}

TEST_F(CachePlanTest, TwoInstancesSharingRedisMakeOneCall) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  auto cache_a = MakeCache(&redis);
  auto cache_b = MakeCache(&redis);
  auto a = Make({Amadeus()}, cache_a.get());
  auto b = Make({Amadeus()}, cache_b.get());
  amadeus_->latency_ms = 400;
  std::vector<SupplierOutcome> from_a;
  RequestContext context_a(Request(50));  // outlives the thread: from_a's offers live in it
  std::thread first([&] {
    const Enricher enricher(context_a.request(), refdata::FxRates::Builtin());
    from_a = a->Fetch(context_a, enricher, std::chrono::steady_clock::now() + milliseconds(5000));
  });
  // Until a's claim is in Redis, b would call too.
  for (int i = 0; i < 200 && amadeus_->search_requests == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  const SupplierOutcome from_b = Search(*b, Request(50))[0];
  first.join();
  ASSERT_EQ(from_a.size(), 1u);
  EXPECT_EQ(from_a[0].status, SupplierStatus::kOk) << Describe(from_a[0]);
  EXPECT_FALSE(from_a[0].cache.from_cache);
  EXPECT_EQ(from_b.status, SupplierStatus::kOk) << Describe(from_b);
  EXPECT_TRUE(from_b.cache.from_cache);
  EXPECT_EQ(from_b.kept(), from_a[0].kept());
  EXPECT_EQ(amadeus_->search_requests, 1);
  EXPECT_EQ(cache_b->stats().joins, 1u);
}

// A search that joined another's call shares that call's deadline: when the leading search gives
// up, the joiner hears so at once instead of waiting for an answer nobody will deliver, and the
// next search leads a new call.
TEST_F(CachePlanTest, AJoinerIsNotLeftWaitingWhenTheLeaderGivesUp) {
  auto cache = MakeCache();
  auto fan_out = Make({Amadeus()}, cache.get());
  amadeus_->latency_ms = 1500;
  RequestContext leader_context(Request(22));
  std::vector<SupplierOutcome> leader;
  std::thread first([&] {
    const Enricher enricher(leader_context.request(), refdata::FxRates::Builtin());
    leader = fan_out->Fetch(leader_context, enricher,
                            std::chrono::steady_clock::now() + milliseconds(300));
  });
  for (int i = 0;
       i < 200 &&
       !cache->flights().InFlight(
           cache::MakeCacheKey(SupplierEndpoint::CacheIdentity(Amadeus()), Request(22)).digest);
       ++i) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  const SupplierOutcome joiner = Search(*fan_out, Request(22), milliseconds(10000))[0];
  first.join();
  EXPECT_EQ(leader[0].status, SupplierStatus::kTimeout);
  EXPECT_EQ(joiner.status, SupplierStatus::kTimeout) << Describe(joiner);
  EXPECT_EQ(cache->stats().joins, 1u);
  EXPECT_FALSE(cache->flights().InFlight(
      cache::MakeCacheKey(SupplierEndpoint::CacheIdentity(Amadeus()), Request(22)).digest));
  amadeus_->latency_ms = 0;
  EXPECT_EQ(Search(*fan_out, Request(22))[0].status, SupplierStatus::kOk);
  EXPECT_EQ(amadeus_->search_requests, 2);
}

TEST_F(CachePlanTest, FailedAnswersAreNotCached) {
  auto cache = MakeCache();
  auto fan_out = Make({Amadeus()}, cache.get());
  amadeus_->malformed = true;
  EXPECT_EQ(Search(*fan_out, Request(15))[0].status, SupplierStatus::kMalformed);
  amadeus_->malformed = false;
  amadeus_->server_error = true;
  EXPECT_EQ(Search(*fan_out, Request(15))[0].status, SupplierStatus::kHttpError);
  amadeus_->server_error = false;
  const SupplierOutcome ok = Search(*fan_out, Request(15))[0];
  EXPECT_EQ(ok.status, SupplierStatus::kOk);
  EXPECT_FALSE(ok.cache.from_cache);
  EXPECT_EQ(amadeus_->search_requests, 3);
}

}  // namespace
}  // namespace fareflow::fanout
