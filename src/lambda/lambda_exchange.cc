#include "lambda/lambda_exchange.h"

#include <utility>

namespace fareflow::lambda {

LambdaExchange::LambdaExchange(Event event, std::chrono::steady_clock::time_point deadline,
                               std::size_t stream_queue_bytes)
    : event_(std::move(event)), stream_queue_bytes_(stream_queue_bytes) {
  request_.method = event_.method;
  request_.path = event_.path;
  request_.query = event_.query;
  for (const auto& [name, value] : event_.headers) request_.headers.emplace_back(name, value);
  request_.body = event_.body;
  request_.deadline = deadline;
}

void LambdaExchange::RespondThen(net::WireResponse response, net::AfterSent work) {
  {
    std::lock_guard lock(mu_);
    if (closed_) return;  // `work` runs here, as it leaves
    closed_ = true;
    answered_ = true;
    response_ = std::move(response);
    after_sent_ = std::move(work);
  }
  answered_cv_.notify_all();
}

std::shared_ptr<net::ResponseStream> LambdaExchange::StartStream(net::WireResponse head) {
  if (stream_queue_bytes_ == 0) return nullptr;
  auto stream = std::make_shared<LambdaResponseStream>(stream_queue_bytes_);
  {
    std::lock_guard lock(mu_);
    if (closed_) return nullptr;
    closed_ = true;
    answered_ = true;
    head.body.clear();
    response_ = std::move(head);
    stream_ = stream;
  }
  answered_cv_.notify_all();
  return stream;
}

std::shared_ptr<LambdaResponseStream> LambdaExchange::TakeStream() {
  std::lock_guard lock(mu_);
  return std::move(stream_);
}

std::optional<net::WireResponse> LambdaExchange::Wait(std::chrono::steady_clock::time_point until) {
  std::unique_lock lock(mu_);
  answered_cv_.wait_until(lock, until, [this] { return answered_; });
  if (!answered_) return std::nullopt;
  return std::exchange(response_, std::nullopt);
}

net::AfterSent LambdaExchange::TakeAfterSent() {
  std::lock_guard lock(mu_);
  return std::move(after_sent_);
}

void LambdaExchange::Abandon() {
  std::lock_guard lock(mu_);
  closed_ = true;
}

}  // namespace fareflow::lambda
