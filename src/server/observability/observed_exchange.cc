#include "server/observability/observed_exchange.h"

#include <chrono>
#include <cstdio>
#include <utility>

namespace fareflow::server {

namespace {

// Routes without pipeline stages (places, health, metrics, errors) still say how long the
// server took, so every answer carries Server-Timing.
void AddTotalTiming(net::WireResponse& response, std::chrono::steady_clock::time_point start) {
  for (const auto& [name, value] : response.headers) {
    if (net::EqualsIgnoreCase(name, "Server-Timing")) return;
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  char value[48];
  std::snprintf(value, sizeof value, "total;dur=%.2f", ms);
  response.headers.emplace_back("Server-Timing", value);
}

}  // namespace

ObservedExchange::ObservedExchange(std::shared_ptr<net::Exchange> inner, Observer observer)
    : inner_(std::move(inner)),
      observer_(std::move(observer)),
      start_(std::chrono::steady_clock::now()) {}

ObservedExchange::~ObservedExchange() { Observe(0); }

void ObservedExchange::Observe(int status) {
  if (observed_.exchange(true) || !observer_) return;
  try {
    observer_(status);
  } catch (...) {  // observing must never cost the answer
  }
}

void ObservedExchange::RespondThen(net::WireResponse response, net::AfterSent after_sent) {
  Observe(response.status);
  AddTotalTiming(response, start_);
  inner_->RespondThen(std::move(response), std::move(after_sent));
}

std::shared_ptr<net::ResponseStream> ObservedExchange::StartStream(net::WireResponse head) {
  const int status = head.status;
  std::shared_ptr<net::ResponseStream> stream = inner_->StartStream(std::move(head));
  if (stream != nullptr) Observe(status);  // else the caller answers with RespondThen
  return stream;
}

}  // namespace fareflow::server
