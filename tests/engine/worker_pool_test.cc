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
  pool.Submit([](simdjson::ondemand::parser&) {});
  // Submit ignores the limit; the destructor below runs everything still queued.
  while (pool.queued() > 0) std::this_thread::yield();
  EXPECT_FALSE(pool.TrySubmit(task, 0)) << "a limit of zero refuses everything";
}

}  // namespace
}  // namespace fareflow
