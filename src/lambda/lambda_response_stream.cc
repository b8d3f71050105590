#include "lambda/lambda_response_stream.h"

#include <algorithm>
#include <utility>

namespace fareflow::lambda {

LambdaResponseStream::LambdaResponseStream(std::size_t max_queued_bytes)
    : max_queued_bytes_(max_queued_bytes) {}

bool LambdaResponseStream::Write(std::string part, bool replaceable) {
  bool open = false;
  {
    std::lock_guard lock(mu_);
    if (ended_ || closed_) return false;
    if (replaceable) {
      // At most one replaceable part waits at a time: the latest results stand for the earlier.
      auto old =
          std::find_if(queue_.begin(), queue_.end(), [](const Part& p) { return p.replaceable; });
      if (old != queue_.end()) {
        queued_bytes_ -= old->bytes.size();
        queue_.erase(old);
      }
    }
    if (queued_bytes_ + part.size() > max_queued_bytes_) {
      overflowed_ = true;
      closed_ = true;
      gone_ = true;
      queue_.clear();
      queued_bytes_ = 0;
    } else {
      queued_bytes_ += part.size();
      queue_.push_back({std::move(part), replaceable});
    }
    open = !closed_;
  }
  cv_.notify_all();
  return open;
}

void LambdaResponseStream::End(net::AfterSent after_sent) {
  {
    std::lock_guard lock(mu_);
    if (!ended_ && !closed_) {
      ended_ = true;
      after_sent_ = std::move(after_sent);
    } else if (!ended_) {
      ended_ = true;  // closed first: `after_sent` is dropped as it leaves
    }
  }
  cv_.notify_all();
}

bool LambdaResponseStream::client_gone() const {
  std::lock_guard lock(mu_);
  return gone_;
}

LambdaResponseStream::Taken LambdaResponseStream::Take(
    std::string& part, std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mu_);
  cv_.wait_until(lock, until, [this] { return !queue_.empty() || ended_ || closed_; });
  if (closed_) return Taken::kGone;
  if (!queue_.empty()) {
    part = std::move(queue_.front().bytes);
    queue_.pop_front();
    queued_bytes_ -= part.size();
    return Taken::kPart;
  }
  return ended_ ? Taken::kEnded : Taken::kTimedOut;
}

net::AfterSent LambdaResponseStream::Close(bool gone) {
  std::lock_guard lock(mu_);
  closed_ = true;
  gone_ = gone_ || gone;
  queue_.clear();
  queued_bytes_ = 0;
  return std::move(after_sent_);
}

bool LambdaResponseStream::overflowed() const {
  std::lock_guard lock(mu_);
  return overflowed_;
}

}  // namespace fareflow::lambda
