#include "engine/worker_pool.h"

#include <algorithm>

namespace fareflow {

WorkerPool::WorkerPool(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads_.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Submit(Task task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
}

bool WorkerPool::TrySubmit(Task task, std::size_t max_queued) {
  {
    std::lock_guard lock(mu_);
    // Idle workers take tasks at once: only tasks beyond them wait.
    const std::size_t idle = threads_.size() - busy_;
    if (queue_.size() >= max_queued + idle) return false;
    queue_.push_back(std::move(task));
  }
  cv_.notify_one();
  return true;
}

std::size_t WorkerPool::queued() {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkerPool::Run() {
  simdjson::ondemand::parser parser;
  for (;;) {
    Task task;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
      ++busy_;
    }
    task(parser);
    task = nullptr;  // what the task holds goes before the worker counts as idle
    std::lock_guard lock(mu_);
    --busy_;
  }
}

}  // namespace fareflow
