#include "cache/single_flight.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace fareflow::cache {
namespace {

TEST(SingleFlightTest, ThirtyTwoThreadsOnOneKeyMakeOneLeaderAndEveryJoinerHearsOnce) {
  SingleFlight flights;
  constexpr int kThreads = 32;
  std::atomic<int> leaders{0};
  std::vector<std::atomic<int>> calls(kThreads);
  std::vector<std::string> seen(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();
      const bool leads = flights.JoinOrLead("k", [&, i](const FlightResult& result) {
        calls[i].fetch_add(1);
        seen[i] = result.payload ? *result.payload : "failed";
      });
      if (leads) leaders.fetch_add(1);
    });
  }
  for (std::thread& t : threads) t.join();
  ASSERT_EQ(leaders.load(), 1);
  EXPECT_TRUE(flights.InFlight("k"));
  EXPECT_EQ(flights.flights(), 1u);
  flights.Land("k", FlightResult{.payload = std::string("payload"), .cache = {}});
  int called = 0;
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_LE(calls[i].load(), 1) << i;
    if (calls[i].load() == 1) {
      ++called;
      EXPECT_EQ(seen[i], "payload");
    }
  }
  EXPECT_EQ(called, kThreads - 1);
  EXPECT_FALSE(flights.InFlight("k"));
  EXPECT_EQ(flights.flights(), 0u);
  EXPECT_TRUE(flights.JoinOrLead("k", {}));  // a new flight
  flights.Land("k", FlightResult{.payload = std::string("again"), .cache = {}});
  for (int i = 0; i < kThreads; ++i) EXPECT_LE(calls[i].load(), 1) << i;
}

TEST(SingleFlightTest, AFailureAndTheCacheUseReachTheJoiners) {
  SingleFlight flights;
  ASSERT_TRUE(flights.JoinOrLead("k", {}));
  FlightResult got;
  ASSERT_FALSE(flights.JoinOrLead("k", [&](const FlightResult& r) { got = r; }));
  flights.Land("k", FlightResult{.payload = tl::unexpected(SupplierFailure{
                                     .status = SupplierStatus::kTimeout, .error = "slow"}),
                                 .cache = {.from_cache = true, .age_seconds = 3}});
  ASSERT_FALSE(got.payload);
  EXPECT_EQ(got.payload.error().status, SupplierStatus::kTimeout);
  EXPECT_TRUE(got.cache.from_cache);
  EXPECT_EQ(got.cache.age_seconds, 3);
}

TEST(SingleFlightTest, KeysFlyApartAndACallbackMayLeadTheNextFlight) {
  SingleFlight flights;
  ASSERT_TRUE(flights.JoinOrLead("a", {}));
  ASSERT_TRUE(flights.JoinOrLead("b", {}));
  bool led_again = false;
  ASSERT_FALSE(flights.JoinOrLead(
      "a", [&](const FlightResult&) { led_again = flights.JoinOrLead("a", {}); }));
  flights.Land("a", FlightResult{.payload = std::string("x"), .cache = {}});
  EXPECT_TRUE(led_again);  // called outside the lock, after the flight ended
  EXPECT_TRUE(flights.InFlight("b"));
  EXPECT_TRUE(flights.InFlight("a"));
  EXPECT_EQ(flights.flights(), 2u);
}

}  // namespace
}  // namespace fareflow::cache
