#include "net/stream_parts.h"

#include <algorithm>
#include <utility>

namespace fareflow::net {

bool StreamParts::Push(std::string part, bool replaceable, bool* kick) {
  std::lock_guard<std::mutex> lock(mu_);
  *kick = false;
  if (ended_ || gone_) return false;
  if (replaceable) {
    // At most one replaceable part waits at any time: this one replaces it.
    auto waiting =
        std::find_if(pending_.begin(), pending_.end(), [](const Part& p) { return p.replaceable; });
    if (waiting != pending_.end()) {
      pending_bytes_ -= waiting->bytes.size();
      pending_.erase(waiting);
    }
  }
  pending_bytes_ += part.size();
  pending_.push_back({std::move(part), replaceable});
  *kick = !std::exchange(pumping_, true);
  return true;
}

bool StreamParts::End(AfterSent after_sent, bool* kick) {
  std::unique_lock<std::mutex> lock(mu_);
  *kick = false;
  if (ended_ || gone_) {
    lock.unlock();
    after_sent.Drop();
    return false;
  }
  ended_ = true;
  after_sent_ = std::move(after_sent);
  *kick = !std::exchange(pumping_, true);
  return true;
}

AfterSent StreamParts::MarkGone() {
  std::lock_guard<std::mutex> lock(mu_);
  gone_ = true;
  pending_.clear();
  pending_bytes_ = 0;
  return std::move(after_sent_);
}

bool StreamParts::gone() const {
  std::lock_guard<std::mutex> lock(mu_);
  return gone_;
}

StreamParts::Taken StreamParts::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  Taken taken;
  if (gone_) return taken;
  taken.parts.reserve(pending_.size());
  for (Part& part : pending_) taken.parts.push_back(std::move(part.bytes));
  pending_.clear();
  pending_bytes_ = 0;
  if (ended_ && !end_taken_) {
    end_taken_ = true;
    taken.end = true;
  }
  if (taken.parts.empty() && !taken.end) pumping_ = false;
  return taken;
}

AfterSent StreamParts::TakeAfterSent() {
  std::lock_guard<std::mutex> lock(mu_);
  return std::move(after_sent_);
}

std::size_t StreamParts::pending_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_bytes_;
}

}  // namespace fareflow::net
