#include "server/observed_exchange.h"

#include <utility>

namespace fareflow::server {

ObservedExchange::ObservedExchange(std::shared_ptr<net::Exchange> inner, Observer observer)
    : inner_(std::move(inner)), observer_(std::move(observer)) {}

ObservedExchange::~ObservedExchange() { Observe(0); }

void ObservedExchange::Observe(int status) {
  if (observed_.exchange(true) || !observer_) return;
  try {
    observer_(status);
  } catch (...) {  // observing must never cost the answer
  }
}

void ObservedExchange::Respond(net::WireResponse response, std::chrono::milliseconds delay) {
  Observe(response.status);
  inner_->Respond(std::move(response), delay);
}

void ObservedExchange::RespondThen(net::WireResponse response, std::function<void()> after_sent) {
  Observe(response.status);
  inner_->RespondThen(std::move(response), std::move(after_sent));
}

void ObservedExchange::RespondTruncated(net::WireResponse response, std::size_t body_bytes,
                                        std::chrono::milliseconds delay) {
  Observe(response.status);
  inner_->RespondTruncated(std::move(response), body_bytes, delay);
}

void ObservedExchange::Reset(std::chrono::milliseconds delay) {
  Observe(0);
  inner_->Reset(delay);
}

void ObservedExchange::Hang() {
  Observe(0);
  inner_->Hang();
}

}  // namespace fareflow::server
