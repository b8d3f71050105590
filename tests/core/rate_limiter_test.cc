#include "core/rate_limiter.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

// A clock the test moves; read from any thread.
struct FakeClock {
  std::atomic<int64_t> ms{0};
  SteadyClockSource Source() {
    return [this] { return steady_clock::time_point(milliseconds(ms.load())); };
  }
};

TEST(RateLimiterTest, BurstThenRefusedWithTheWaitRoundedUp) {
  FakeClock clock;
  RateLimiter limiter({{.rate_per_second = 2, .burst = 3}}, clock.Source());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Acquire(0), 0) << "request " << i;
  // A token comes back every 500 ms: the wait is rounded up to a whole second.
  EXPECT_EQ(limiter.Acquire(0), 1);
  clock.ms = 499;
  EXPECT_EQ(limiter.Acquire(0), 1);
  clock.ms = 500;
  EXPECT_EQ(limiter.Acquire(0), 0);
  EXPECT_EQ(limiter.Acquire(0), 1);
  // After a long pause the bucket is full again, and no fuller.
  clock.ms = 60'000;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Acquire(0), 0) << "request " << i;
  EXPECT_EQ(limiter.Acquire(0), 1);
}

TEST(RateLimiterTest, SlowRatesSayHowLongToWait) {
  FakeClock clock;
  RateLimiter limiter({{.rate_per_second = 0.1, .burst = 1}}, clock.Source());
  EXPECT_EQ(limiter.Acquire(0), 0);
  EXPECT_EQ(limiter.Acquire(0), 10);
  clock.ms = 2'500;
  EXPECT_EQ(limiter.Acquire(0), 8);  // 7.5 s, rounded up
  clock.ms = 10'000;
  EXPECT_EQ(limiter.Acquire(0), 0);
}

TEST(RateLimiterTest, KeysHaveTheirOwnBuckets) {
  FakeClock clock;
  RateLimiter limiter({{.rate_per_second = 1, .burst = 1}, {.rate_per_second = 1, .burst = 2}},
                      clock.Source());
  EXPECT_EQ(limiter.Acquire(0), 0);
  EXPECT_GT(limiter.Acquire(0), 0);
  EXPECT_EQ(limiter.Acquire(1), 0);
  EXPECT_EQ(limiter.Acquire(1), 0);
  EXPECT_GT(limiter.Acquire(1), 0);
}

// Many io threads at once take exactly the bucket's tokens, never one more.
TEST(RateLimiterTest, ConcurrentRequestsTakeExactlyTheBurst) {
  FakeClock clock;
  RateLimiter limiter({{.rate_per_second = 0.001, .burst = 1000}}, clock.Source());
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (limiter.Acquire(0) == 0) admitted.fetch_add(1);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(admitted.load(), 1000);
}

}  // namespace
}  // namespace fareflow
