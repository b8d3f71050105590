// RedisClient against a real redis-server on loopback: values in and out, expiry, a server that
// goes away and comes back, and one that never answers.

#include "store/redis_client.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "support/redis_server.h"
#include "support/silent_listener.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using testing_support::RedisServer;

RedisEndpoint Loopback(uint16_t port) { return {.host = "127.0.0.1", .port = port}; }

TEST(RedisClientTest, SetThenGetIsBinarySafeAndAMissingKeyIsNullopt) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(1000));
  std::string value("zstd\0frame\xff", 11);
  value += std::string(3 << 20, 'x');  // larger than one socket buffer
  ASSERT_TRUE(client.Set("fareflow:test:a", value, milliseconds(60'000)));
  auto got = client.Get("fareflow:test:a");
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, value);
  auto missing = client.Get("fareflow:test:none");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST(RedisClientTest, AValueExpiresWithItsTtl) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(1000));
  ASSERT_TRUE(client.Set("k", "v", milliseconds(50)));
  std::this_thread::sleep_for(milliseconds(150));
  auto got = client.Get("k");
  ASSERT_TRUE(got);
  EXPECT_FALSE(got->has_value());
}

TEST(RedisClientTest, AServerThatWentAwayIsUnavailableAndUsedAgainOnceBack) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(500));
  ASSERT_TRUE(client.Set("k", "before", milliseconds(60'000)));  // leaves a pooled connection
  redis.Stop();
  auto down = client.Get("k");
  ASSERT_FALSE(down);
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable) << down.error().message;
  ASSERT_TRUE(redis.Start());
  ASSERT_TRUE(client.Set("k", "after", milliseconds(60'000)));
  auto got = client.Get("k");
  ASSERT_TRUE(got) << got.error().message;
  ASSERT_TRUE(got->has_value());
  EXPECT_EQ(**got, "after");
}

TEST(RedisClientTest, AServerThatNeverAnswersTimesOut) {
  testing_support::SilentListener silent;
  RedisClient client(Loopback(silent.port()), milliseconds(200));
  const auto start = std::chrono::steady_clock::now();
  auto got = client.Get("k");
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kTimeout) << got.error().message;
  EXPECT_LT(waited, milliseconds(5000));  // bounded, not hung
}

TEST(RedisClientTest, ACallEndsAtItsDeadlineWhenThatComesBeforeTheTimeout) {
  // A search with 300 ms left must not wait Redis's whole 20 s timeout.
  testing_support::SilentListener silent;
  RedisClient client(Loopback(silent.port()), milliseconds(20'000));
  const auto start = std::chrono::steady_clock::now();
  auto got = client.Get("k", start + milliseconds(300));
  auto claimed = client.SetIfAbsent("k", "v", milliseconds(1000), start + milliseconds(300));
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, ErrorCode::kTimeout) << got.error().message;
  ASSERT_FALSE(claimed);
  EXPECT_EQ(claimed.error().code, ErrorCode::kTimeout) << claimed.error().message;
  EXPECT_LT(waited, milliseconds(10'000));  // the deadline, not the 20 s timeout, ended both

  // A pooled connection lent for a short deadline gets its whole timeout back afterwards.
  RedisServer redis;
  RedisClient live(Loopback(redis.port()), milliseconds(20'000));
  ASSERT_TRUE(live.Get("k", std::chrono::steady_clock::now() + milliseconds(2000)));
  ASSERT_TRUE(live.Set("k", "v", milliseconds(60'000)));
  auto value = live.Get("k");
  ASSERT_TRUE(value && value->has_value());
  EXPECT_EQ(**value, "v");
  // A deadline already passed sends nothing.
  auto late = live.Get("k", std::chrono::steady_clock::now() - milliseconds(1));
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::kTimeout);
}

TEST(RedisClientTest, NothingListeningIsUnavailable) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  const uint16_t port = redis.port();
  redis.Stop();
  RedisClient client(Loopback(port), milliseconds(500));
  auto ping = client.Ping();
  ASSERT_FALSE(ping);
  EXPECT_EQ(ping.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(ping.error().message.find("127.0.0.1:" + std::to_string(port)), std::string::npos);
}

TEST(RedisClientTest, SetIfAbsentSetsOnlyWhenTheKeyIsFreeAndExpires) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(1000));
  auto first = client.SetIfAbsent("lock", "mine", milliseconds(100));
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_TRUE(*first);
  auto second = client.SetIfAbsent("lock", "theirs", milliseconds(60'000));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(*second);
  EXPECT_EQ(client.Get("lock")->value_or(""), "mine");
  std::this_thread::sleep_for(milliseconds(200));  // the first one's ttl lapses
  auto third = client.SetIfAbsent("lock", "theirs", milliseconds(60'000));
  ASSERT_TRUE(third);
  EXPECT_TRUE(*third);
  EXPECT_EQ(client.Get("lock")->value_or(""), "theirs");
}

TEST(RedisClientTest, DeleteIfEqualsLeavesAnotherOwnersValue) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(1000));
  const std::string binary("to\0ken\xff", 7);
  ASSERT_TRUE(client.Set("lock", binary, milliseconds(60'000)));
  auto other = client.DeleteIfEquals("lock", "someone else");
  ASSERT_TRUE(other) << other.error().message;
  EXPECT_EQ(client.Get("lock")->value_or(""), binary);
  auto own = client.DeleteIfEquals("lock", binary);
  ASSERT_TRUE(own) << own.error().message;
  EXPECT_FALSE(client.Get("lock")->has_value());
  EXPECT_TRUE(client.DeleteIfEquals("gone", "anything"));  // nothing to delete is not an error
}

TEST(RedisClientTest, SetIfAbsentAndDeleteIfEqualsFailAsValuesWhenTheServerIsDown) {
  RedisServer redis;
  ASSERT_TRUE(redis.ready());
  RedisClient client(Loopback(redis.port()), milliseconds(500));
  redis.Stop();
  auto set = client.SetIfAbsent("lock", "mine", milliseconds(1000));
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, ErrorCode::kUnavailable);
  auto del = client.DeleteIfEquals("lock", "mine");
  ASSERT_FALSE(del);
  EXPECT_EQ(del.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace fareflow
