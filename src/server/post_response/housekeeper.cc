#include "server/post_response/housekeeper.h"

#include <utility>

namespace fareflow::server {

Housekeeper::Housekeeper(std::function<void()> on_idle)
    : on_idle_(std::move(on_idle)), thread_([this] { Run(); }) {}

Housekeeper::~Housekeeper() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_all();
  thread_.join();
}

void Housekeeper::Post(std::function<void()> task) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(task));
  }
  work_.notify_one();
}

void Housekeeper::Drain() {
  std::unique_lock lock(mu_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

uint64_t Housekeeper::failures() const {
  std::lock_guard lock(mu_);
  return failures_;
}

void Housekeeper::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything queued has run
    busy_ = true;
    while (!queue_.empty()) {
      std::function<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      bool failed = false;
      try {
        task();
      } catch (...) {
        failed = true;
      }
      task = nullptr;  // what the task held (a search's memory) is freed here, off the lock
      lock.lock();
      if (failed) ++failures_;
    }
    if (on_idle_) {
      lock.unlock();
      try {
        on_idle_();
      } catch (...) {
      }
      lock.lock();
    }
    busy_ = false;
    // Tasks posted while on_idle ran are picked up by the next turn before anyone sees idle.
    if (queue_.empty()) idle_.notify_all();
  }
}

}  // namespace fareflow::server
