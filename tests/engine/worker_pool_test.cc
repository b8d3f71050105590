// WorkerPool: every task runs, an idle pool sleeps once its workers have spun, SubmitAll queues a
// batch at once, TrySubmit sheds load once the queue is full, a task whose deadline passes while it
// waits is refused without running, and Close refuses what waits. RunBeside: a free worker runs one
// half, a busy or closed pool leaves both to the caller.

#include "engine/worker_pool.h"

#include <time.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

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

// The CPU time of every thread of this process so far.
std::chrono::nanoseconds ProcessCpuTime() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

// Idle workers spin for kIdleSpin, then sleep: a pool left idle for far longer spends at most the
// spin (a few ms a worker), not a core a worker for as long as it stays idle.
TEST(WorkerPoolTest, AnIdlePoolSleepsOnceItsWorkersHaveSpun) {
  constexpr std::chrono::milliseconds kIdle(400);
  // Spinning all along would cost about 2 x kIdle; spinning as meant, 2 x kIdleSpin. The bound
  // between them leaves room for sanitizers.
  constexpr std::chrono::milliseconds kBound = kIdle / 4;
  static_assert(2 * WorkerPool::kIdleSpin < kBound / 4);
  WorkerPool pool(2);
  std::promise<void> ran;
  pool.Submit([&ran](simdjson::ondemand::parser&) { ran.set_value(); });
  ran.get_future().wait();
  const std::chrono::nanoseconds before = ProcessCpuTime();
  std::this_thread::sleep_for(kIdle);
  const std::chrono::nanoseconds spent = ProcessCpuTime() - before;
  EXPECT_LT(spent, kBound) << "spent " << spent.count() / 1000000 << " ms of CPU while idle";
}

// A task of a batch that queues work of its own (as a large payload queues its tail piece) finds
// that work behind the whole batch, even when it starts before the batch is all queued.
TEST(WorkerPoolTest, SubmitAllQueuesTheWholeBatchBeforeAnyOfItCanQueueMore) {
  constexpr int kBatch = 100000;  // long enough to queue that a task would start meanwhile
  std::mutex mu;
  std::vector<int> order;
  auto record = [&](int id) {
    std::lock_guard lock(mu);
    order.push_back(id);
  };
  {
    WorkerPool pool(1);
    std::vector<WorkerPool::Task> batch;
    batch.emplace_back([&](simdjson::ondemand::parser&) {
      record(0);
      pool.Submit([&](simdjson::ondemand::parser&) { record(-1); });
    });
    for (int i = 1; i < kBatch; ++i) {
      batch.emplace_back([&, i](simdjson::ondemand::parser&) { record(i); });
    }
    pool.SubmitAll(std::move(batch));
  }
  ASSERT_EQ(order.size(), static_cast<std::size_t>(kBatch + 1));
  for (int i = 0; i < kBatch; ++i) ASSERT_EQ(order[static_cast<std::size_t>(i)], i);
  EXPECT_EQ(order.back(), -1);
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

// One worker, held busy until the test lets it go, so that whatever is submitted next waits.
class BusyPoolTest : public testing::Test {
 protected:
  BusyPoolTest() {
    pool_.Submit([this](simdjson::ondemand::parser&) {
      started_.set_value();
      released_.wait();
    });
    started_.get_future().wait();
  }
  ~BusyPoolTest() override { Release(); }
  void Release() {
    if (!released_yet_) release_.set_value();
    released_yet_ = true;
  }
  // A waiting task that counts its runs, and notes its refusals.
  bool SubmitCounted(std::chrono::steady_clock::time_point deadline) {
    return pool_.TrySubmit([this](simdjson::ondemand::parser&) { ++ran_; }, 10,
                           {.deadline = deadline, .refuse = [this](PoolRefusal why) {
                              std::lock_guard lock(mu_);
                              refusals_.push_back(why);
                              refused_at_.push_back(std::chrono::steady_clock::now());
                            }});
  }
  std::vector<PoolRefusal> refusals() {
    std::lock_guard lock(mu_);
    return refusals_;
  }

  std::promise<void> started_;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
  bool released_yet_ = false;
  std::atomic<int> ran_{0};
  std::mutex mu_;
  std::vector<PoolRefusal> refusals_;
  std::vector<std::chrono::steady_clock::time_point> refused_at_;
  WorkerPool pool_{1};  // last: joins its threads before what they use goes
};

TEST_F(BusyPoolTest, ATaskWhoseDeadlinePassesWhileWaitingIsRefusedThenWithoutRunning) {
  const auto now = std::chrono::steady_clock::now();
  const auto deadline = now + std::chrono::milliseconds(100);
  ASSERT_TRUE(SubmitCounted(deadline));
  ASSERT_TRUE(SubmitCounted(now + std::chrono::hours(1)));
  for (int i = 0; i < 200 && refusals().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(refusals(), std::vector<PoolRefusal>{PoolRefusal::kDeadline})
      << "refused while the worker is still busy, not when it is free";
  EXPECT_GE(refused_at_[0], deadline);
  EXPECT_LT(refused_at_[0], deadline + std::chrono::milliseconds(500));
  EXPECT_EQ(pool_.queued(), 1u) << "the other task still waits";

  Release();
  for (int i = 0; i < 200 && ran_.load() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(ran_.load(), 1) << "only the task whose deadline had not passed ran";
  EXPECT_EQ(refusals().size(), 1u);
}

TEST_F(BusyPoolTest, CloseRefusesEveryWaitingTaskAtOnceAndLaterOnes) {
  const auto later = std::chrono::steady_clock::now() + std::chrono::hours(1);
  ASSERT_TRUE(SubmitCounted(later));
  ASSERT_TRUE(SubmitCounted(later));
  pool_.Close();
  EXPECT_EQ(refusals(), (std::vector<PoolRefusal>{PoolRefusal::kClosed, PoolRefusal::kClosed}));
  EXPECT_EQ(pool_.queued(), 0u);
  EXPECT_TRUE(pool_.closed());
  EXPECT_FALSE(SubmitCounted(later)) << "a closed pool takes nothing more";
  EXPECT_EQ(pool_.busy(), 1u) << "the running task goes on";
  Release();
  for (int i = 0; i < 200 && pool_.busy() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(pool_.busy(), 0u);
  EXPECT_EQ(ran_.load(), 0);
}

TEST(RunBesideTest, AFreeWorkerRunsTheSecondWhileTheCallerRunsTheFirst) {
  WorkerPool pool(1);
  std::promise<std::thread::id> there_started;
  std::shared_future<std::thread::id> there = there_started.get_future().share();
  std::thread::id here;
  bool overlapped = false;
  RunBeside(
      pool,
      [&] {
        here = std::this_thread::get_id();
        // Only a worker running `there` meanwhile ends this wait.
        overlapped = there.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
      },
      [&] { there_started.set_value(std::this_thread::get_id()); });
  EXPECT_EQ(here, std::this_thread::get_id());
  EXPECT_TRUE(overlapped);
  ASSERT_EQ(there.wait_for(std::chrono::seconds(0)), std::future_status::ready);
  EXPECT_NE(there.get(), std::this_thread::get_id());
}

TEST_F(BusyPoolTest, RunBesideRunsBothOnTheCallerWhenNoWorkerIsFree) {
  int runs = 0;
  std::thread::id there;
  RunBeside(
      pool_, [] {},
      [&] {
        ++runs;
        there = std::this_thread::get_id();
      });
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(there, std::this_thread::get_id());
  // The queued task runs once the worker is free, finds `there` taken and leaves it.
  Release();
  std::promise<void> drained;
  pool_.Submit([&](simdjson::ondemand::parser&) { drained.set_value(); });
  drained.get_future().wait();
  EXPECT_EQ(runs, 1);
}

TEST(RunBesideTest, AClosedPoolLeavesBothToTheCaller) {
  WorkerPool pool(1);
  pool.Close();
  std::vector<std::thread::id> ran;
  RunBeside(
      pool, [&] { ran.push_back(std::this_thread::get_id()); },
      [&] { ran.push_back(std::this_thread::get_id()); });
  EXPECT_EQ(ran, (std::vector<std::thread::id>(2, std::this_thread::get_id())));
}

TEST(RunBesideTest, AnExceptionFromEitherReachesTheCaller) {
  WorkerPool pool(1);
  EXPECT_THROW(RunBeside(
                   pool, [] {}, [] { throw std::runtime_error("there"); }),
               std::runtime_error);
  EXPECT_THROW(RunBeside(
                   pool, [] { throw std::runtime_error("here"); }, [] {}),
               std::runtime_error);
  // The pool still runs tasks: neither exception escaped onto its worker.
  std::promise<void> ran;
  pool.Submit([&](simdjson::ondemand::parser&) { ran.set_value(); });
  EXPECT_EQ(ran.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

}  // namespace
}  // namespace fareflow
