// WorkerPool: every task runs, and TrySubmit sheds load once the queue is full.

#include "engine/worker_pool.h"

#include <atomic>
#include <future>

#include <gtest/gtest.h>

namespace fareflow {
namespace {

TEST(WorkerPoolTest, RunsEverySubmittedTaskBeforeItIsDestroyed) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(2);
    for (int i = 0; i < 100; ++i) pool.Submit([&ran](simdjson::ondemand::parser&) { ++ran; });
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(WorkerPoolTest, TrySubmitRefusesOnceTheQueueIsFull) {
  WorkerPool pool(1);
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  pool.Submit([&started, released](simdjson::ondemand::parser&) {
    started.set_value();
    released.wait();
  });
  started.get_future().wait();  // the only worker is busy; what follows waits in the queue

  std::atomic<int> ran{0};
  auto task = [&ran](simdjson::ondemand::parser&) { ++ran; };
  EXPECT_TRUE(pool.TrySubmit(task, 2));
  EXPECT_TRUE(pool.TrySubmit(task, 2));
  EXPECT_EQ(pool.queued(), 2u);
  EXPECT_FALSE(pool.TrySubmit(task, 2)) << "a third waiting task is over the limit";
  release.set_value();
}

TEST(WorkerPoolTest, ALimitOfZeroStillUsesIdleWorkers) {
  WorkerPool pool(1);
  std::promise<void> started;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  EXPECT_TRUE(pool.TrySubmit(
      [&started, released](simdjson::ondemand::parser&) {
        started.set_value();
        released.wait();
      },
      0))
      << "an idle worker takes the task at once: nothing waits";
  started.get_future().wait();
  EXPECT_FALSE(pool.TrySubmit([](simdjson::ondemand::parser&) {}, 0))
      << "the only worker is busy, so this one would wait";
  release.set_value();
}

}  // namespace
}  // namespace fareflow
