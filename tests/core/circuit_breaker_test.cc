#include "core/circuit_breaker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

namespace fareflow {
namespace {

using std::chrono::milliseconds;

struct FakeClock {
  std::shared_ptr<std::atomic<int64_t>> ms = std::make_shared<std::atomic<int64_t>>(1'000'000);
  SteadyClockSource source() const {
    return [ms = ms] { return std::chrono::steady_clock::time_point(milliseconds(ms->load())); };
  }
  void Advance(int64_t by) { *ms += by; }
};

TEST(CircuitBreakerTest, OpensAfterConsecutiveFailuresAndSkips) {
  FakeClock clock;
  CircuitBreaker breaker(3, milliseconds(10'000), clock.source());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(breaker.Admit().allowed);
    breaker.Record(false, BreakerVerdict::kFailure);
  }
  ASSERT_TRUE(breaker.Admit().allowed);
  breaker.Record(false, BreakerVerdict::kSuccess);  // resets the count
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(breaker.Admit().allowed);
    breaker.Record(false, BreakerVerdict::kFailure);
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_EQ(breaker.opens(), 1u);
  clock.Advance(500);
  const CircuitBreaker::Admission skipped = breaker.Admit();
  EXPECT_FALSE(skipped.allowed);
  EXPECT_EQ(skipped.reason, "circuit open, retry in 10s");
}

TEST(CircuitBreakerTest, HalfOpenTrialClosesOnSuccess) {
  FakeClock clock;
  CircuitBreaker breaker(1, milliseconds(1'000), clock.source());
  breaker.Admit();
  breaker.Record(false, BreakerVerdict::kFailure);
  EXPECT_FALSE(breaker.Admit().allowed);
  clock.Advance(1'000);
  const CircuitBreaker::Admission trial = breaker.Admit();
  ASSERT_TRUE(trial.allowed);
  EXPECT_TRUE(trial.trial);
  EXPECT_FALSE(breaker.Admit().allowed);  // one trial at a time
  breaker.Record(true, BreakerVerdict::kSuccess);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
  EXPECT_TRUE(breaker.Admit().allowed);
}

TEST(CircuitBreakerTest, FailedTrialOpensForAnotherCooldown) {
  FakeClock clock;
  CircuitBreaker breaker(1, milliseconds(1'000), clock.source());
  breaker.Admit();
  breaker.Record(false, BreakerVerdict::kFailure);
  clock.Advance(1'000);
  ASSERT_TRUE(breaker.Admit().trial);
  breaker.Record(true, BreakerVerdict::kFailure);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  EXPECT_EQ(breaker.opens(), 2u);
  clock.Advance(999);
  EXPECT_FALSE(breaker.Admit().allowed);
  clock.Advance(1);
  EXPECT_TRUE(breaker.Admit().allowed);
}

TEST(CircuitBreakerTest, LateResultsOfEarlierCallsDoNotDecideTheTrial) {
  FakeClock clock;
  CircuitBreaker breaker(1, milliseconds(1'000), clock.source());
  ASSERT_TRUE(breaker.Admit().allowed);  // a call admitted while closed, still in flight
  ASSERT_TRUE(breaker.Admit().allowed);
  breaker.Record(false, BreakerVerdict::kFailure);
  clock.Advance(1'000);
  ASSERT_TRUE(breaker.Admit().trial);
  breaker.Record(false, BreakerVerdict::kSuccess);  // the early call: ignored
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kHalfOpen);
  breaker.Record(true, BreakerVerdict::kSuccess);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

TEST(CircuitBreakerTest, NeutralAnswersNeitherOpenNorClose) {
  FakeClock clock;
  CircuitBreaker breaker(2, milliseconds(1'000), clock.source());
  for (int i = 0; i < 5; ++i) {
    breaker.Admit();
    breaker.Record(false, BreakerVerdict::kNeutral);
  }
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kClosed);
}

}  // namespace
}  // namespace fareflow
