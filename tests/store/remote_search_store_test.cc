// The shared store against a real redis-server on loopback that is frozen (SIGSTOP) and thawed:
// Redis calls run on the store's own threads, never the caller's; a frozen Redis opens the circuit
// breaker after a few timeouts, and the calls that follow fail at once; a full Redis queue answers
// reads as misses and drops writes; once Redis answers again, one probe closes the breaker.

#include "store/remote_search_store.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "refdata/fx_rates.h"
#include "support/redis_server.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using testing_support::RedisServer;

constexpr milliseconds kRedisTimeout{300};
constexpr const char* kUnknownId = "srch_0123456789abcdef0123456789abcdef";

std::unique_ptr<RemoteSearchStore> StoreOn(const RedisServer& redis,
                                           RemoteSearchStoreOptions options) {
  return std::make_unique<RemoteSearchStore>(
      std::make_unique<RedisClient>(RedisEndpoint{.host = "127.0.0.1", .port = redis.port()},
                                    kRedisTimeout),
      refdata::FxRates::Builtin(), std::move(options));
}

// What one LoadThen call saw: its result and the thread its callback ran on.
struct Seen {
  Result<std::shared_ptr<CompletedSearch>> result;
  std::thread::id thread;
};

std::future<Seen> LoadThen(RemoteSearchStore& store, const std::string& id) {
  auto done = std::make_shared<std::promise<Seen>>();
  std::future<Seen> seen = done->get_future();
  store.LoadThen(id, [done](Result<std::shared_ptr<CompletedSearch>> loaded) {
    done->set_value({std::move(loaded), std::this_thread::get_id()});
  });
  return seen;
}

TEST(RemoteSearchStoreTest, AFrozenRedisOpensTheBreakerAndCallsFailFastUntilItAnswersAgain) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  auto store = StoreOn(redis, {.threads = 2,
                               .queue_limit = 64,
                               .breaker_failures = 2,
                               .breaker_cooldown = milliseconds(500)});

  Seen miss = LoadThen(*store, kUnknownId).get();
  ASSERT_TRUE(miss.result) << miss.result.error().message;
  EXPECT_EQ(*miss.result, nullptr);
  EXPECT_NE(miss.thread, std::this_thread::get_id());  // never the caller's thread

  ASSERT_TRUE(redis.Freeze());
  constexpr int kCalls = 40;
  const auto start = steady_clock::now();
  std::vector<std::future<Seen>> calls;
  for (int i = 0; i < kCalls; ++i) calls.push_back(LoadThen(*store, kUnknownId));
  // Queued, not run: the caller never waits on a frozen Redis.
  EXPECT_LT(steady_clock::now() - start, kRedisTimeout);
  int timed_out = 0;
  int skipped = 0;
  for (std::future<Seen>& call : calls) {
    Seen seen = call.get();
    ASSERT_FALSE(seen.result) << "a frozen Redis answered";
    EXPECT_NE(seen.thread, std::this_thread::get_id());
    if (seen.result.error().code == ErrorCode::kTimeout) ++timed_out;
    if (seen.result.error().message.find("circuit open") != std::string::npos) ++skipped;
  }
  const auto took = steady_clock::now() - start;
  // Two threads, two failures open the breaker: at most three calls ever wait for the timeout
  // (one may have been admitted beside the second failure); the rest fail at once.
  EXPECT_GE(timed_out, 2);
  EXPECT_LE(timed_out, 3);
  EXPECT_EQ(skipped, kCalls - timed_out);
  EXPECT_LT(took, kRedisTimeout * 6) << "40 calls of a 300 ms timeout on two threads: 6 s";
  EXPECT_EQ(store->breaker_state(), CircuitBreaker::State::kOpen);
  EXPECT_EQ(store->stats().breaker_opens, 1u);
  EXPECT_EQ(store->stats().load_errors, static_cast<uint64_t>(kCalls));

  ASSERT_TRUE(redis.Thaw());
  std::this_thread::sleep_for(milliseconds(600));  // past the cooldown: the next call probes
  Seen probe = LoadThen(*store, kUnknownId).get();
  ASSERT_TRUE(probe.result) << probe.result.error().message;
  EXPECT_EQ(*probe.result, nullptr);
  EXPECT_EQ(store->breaker_state(), CircuitBreaker::State::kClosed);
  EXPECT_EQ(store->stats().breaker_opens, 1u);
}

TEST(RemoteSearchStoreTest, AFullRedisQueueAnswersReadsAsMissesAndDropsWrites) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  auto store = StoreOn(redis, {.threads = 1, .queue_limit = 0, .breaker_failures = 100});
  ASSERT_TRUE(redis.Freeze());

  std::future<Seen> held = LoadThen(*store, kUnknownId);  // holds the one Redis thread
  std::future<Seen> refused = LoadThen(*store, kUnknownId);
  ASSERT_EQ(refused.wait_for(milliseconds(0)), std::future_status::ready);
  Seen seen = refused.get();
  ASSERT_TRUE(seen.result);
  EXPECT_EQ(*seen.result, nullptr);  // a miss, at once, on the caller's thread
  EXPECT_EQ(seen.thread, std::this_thread::get_id());

  auto search = std::make_shared<CompletedSearch>();
  search->id = kUnknownId;
  search->expires = std::chrono::system_clock::now() - std::chrono::seconds(1);
  store->SaveLater(search);

  EXPECT_EQ(store->stats().reads_refused, 1u);
  EXPECT_EQ(store->stats().writes_dropped, 1u);
  EXPECT_FALSE(held.get().result);  // the held call timed out
  redis.Thaw();
}

}  // namespace
}  // namespace fareflow
