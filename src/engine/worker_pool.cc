#include "engine/worker_pool.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <utility>

namespace fareflow {

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
  watcher_ = std::thread([this] { Watch(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    NoteReadyLocked();
  }
  cv_.notify_all();
  watch_.notify_all();
  for (std::thread& t : threads_) t.join();
  watcher_.join();
}

void WorkerPool::Submit(Task task) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    queue_.push_back(Entry{std::move(task), {}});
    NoteReadyLocked();
  }
  cv_.notify_one();
}

void WorkerPool::SubmitAll(std::vector<Task> tasks) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;
    for (Task& task : tasks) queue_.push_back(Entry{std::move(task), {}});
    NoteReadyLocked();
  }
  cv_.notify_all();
}

bool WorkerPool::TrySubmit(Task task, std::size_t max_queued, PoolWait wait) {
  const bool timed = wait.deadline != Clock::time_point::max();
  {
    std::lock_guard lock(mu_);
    if (closed_) return false;
    // Idle workers take tasks at once: only tasks beyond them wait.
    const std::size_t idle = threads_.size() - busy_;
    if (queue_.size() >= max_queued + idle) return false;
    queue_.push_back(Entry{std::move(task), std::move(wait)});
    NoteReadyLocked();
  }
  cv_.notify_one();
  if (timed) watch_.notify_one();
  return true;
}

void WorkerPool::Close() {
  std::deque<Entry> refused;
  {
    std::lock_guard lock(mu_);
    closed_ = true;
    refused.swap(queue_);
    NoteReadyLocked();
  }
  for (Entry& entry : refused) {
    if (entry.wait.refuse) entry.wait.refuse(PoolRefusal::kClosed);
  }
}

bool WorkerPool::closed() {
  std::lock_guard lock(mu_);
  return closed_;
}

std::size_t WorkerPool::queued() {
  std::lock_guard lock(mu_);
  return queue_.size();
}

std::size_t WorkerPool::busy() {
  std::lock_guard lock(mu_);
  return busy_;
}

void WorkerPool::Run() {
  simdjson::ondemand::parser parser;
  for (;;) {
    // Idle (or just started): keep the core a while before sleeping (see kIdleSpin). Yielding
    // lets any other runnable thread have it first.
    const Clock::time_point spin_until = Clock::now() + kIdleSpin;
    while (!ready_.load(std::memory_order_acquire) && Clock::now() < spin_until) sched_yield();
    Entry entry;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      entry = std::move(queue_.front());
      queue_.pop_front();
      NoteReadyLocked();
      ++busy_;
    }
    // The watch thread may not have seen this deadline pass yet.
    if (Clock::now() >= entry.wait.deadline) {
      if (entry.wait.refuse) entry.wait.refuse(PoolRefusal::kDeadline);
    } else {
      entry.task(parser);
    }
    entry = Entry{};  // what the task holds goes before the worker counts as idle
    std::lock_guard lock(mu_);
    --busy_;
  }
}

void WorkerPool::Watch() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const Clock::time_point now = Clock::now();
    std::vector<Entry> expired;
    Clock::time_point next = Clock::time_point::max();
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->wait.deadline <= now) {
        expired.push_back(std::move(*it));
        it = queue_.erase(it);
        NoteReadyLocked();
      } else {
        next = std::min(next, it->wait.deadline);
        ++it;
      }
    }
    if (!expired.empty()) {
      lock.unlock();
      for (Entry& entry : expired) {
        if (entry.wait.refuse) entry.wait.refuse(PoolRefusal::kDeadline);
      }
      expired.clear();  // what the tasks hold is freed off the lock
      lock.lock();
      continue;
    }
    // Woken by a new deadline, by stopping, or when the earliest one passes.
    if (next == Clock::time_point::max()) {
      watch_.wait(lock);
    } else {
      watch_.wait_until(lock, next);
    }
  }
}

void RunBeside(WorkerPool& pool, const std::function<void()>& here,
               const std::function<void()>& there) {
  // Shared with the queued task, which may run (and find `there` taken) after this returns. The
  // task reads `there` only once it has claimed it, and then this call waits for it to finish.
  struct Beside {
    std::atomic<bool> claimed{false};
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;  // guarded by mu
    std::exception_ptr failed;
  };
  auto beside = std::make_shared<Beside>();
  pool.Submit([beside, task = &there](simdjson::ondemand::parser&) {
    if (beside->claimed.exchange(true)) return;
    try {
      (*task)();
    } catch (...) {
      beside->failed = std::current_exception();
    }
    {
      std::lock_guard lock(beside->mu);
      beside->done = true;
    }
    beside->cv.notify_one();
  });
  std::exception_ptr failed;
  try {
    here();
  } catch (...) {
    failed = std::current_exception();
  }
  if (!beside->claimed.exchange(true)) {
    if (failed) std::rethrow_exception(failed);
    there();
    return;
  }
  {
    std::unique_lock lock(beside->mu);
    beside->cv.wait(lock, [&] { return beside->done; });
  }
  if (failed) std::rethrow_exception(failed);
  if (beside->failed) std::rethrow_exception(beside->failed);
}

}  // namespace fareflow
