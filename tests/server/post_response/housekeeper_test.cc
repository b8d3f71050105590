#include "server/post_response/housekeeper.h"

#include <atomic>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

namespace fareflow::server {
namespace {

TEST(HousekeeperTest, RunsTasksInOrderAndDrainWaitsForThemAndTheIdleHook) {
  std::vector<int> ran;
  int idle_after = -1;
  Housekeeper housekeeper([&] { idle_after = static_cast<int>(ran.size()); });
  for (int i = 0; i < 100; ++i) housekeeper.Post([&ran, i] { ran.push_back(i); });
  housekeeper.Drain();
  ASSERT_EQ(ran.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ran[static_cast<std::size_t>(i)], i);
  EXPECT_EQ(idle_after, 100);
}

TEST(HousekeeperTest, ThrowingTaskIsCountedAndTheNextOneRuns) {
  Housekeeper housekeeper;
  std::atomic<bool> after{false};
  housekeeper.Post([] { throw std::runtime_error("boom"); });
  housekeeper.Post([&] { after = true; });
  housekeeper.Drain();
  EXPECT_TRUE(after.load());
  EXPECT_EQ(housekeeper.failures(), 1u);
}

TEST(HousekeeperTest, DestructorRunsWhatIsQueued) {
  std::atomic<int> ran{0};
  {
    Housekeeper housekeeper;
    for (int i = 0; i < 50; ++i) housekeeper.Post([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 50);
}

}  // namespace
}  // namespace fareflow::server
