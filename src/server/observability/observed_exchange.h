#ifndef FAREFLOW_SERVER_OBSERVABILITY_OBSERVED_EXCHANGE_H_
#define FAREFLOW_SERVER_OBSERVABILITY_OBSERVED_EXCHANGE_H_

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include "net/exchange.h"

namespace fareflow::server {

// An Exchange that tells an observer how it was answered, then passes the answer on to the
// exchange it wraps. The observer runs once, on the thread that answers, with the answer's
// status -- 0 when the exchange is dropped unanswered. Thread-safe like the wrapped exchange: the
// first answer wins.
class ObservedExchange final : public net::Exchange {
 public:
  using Observer = std::function<void(int status)>;

  ObservedExchange(std::shared_ptr<net::Exchange> inner, Observer observer);
  ObservedExchange(const ObservedExchange&) = delete;
  ObservedExchange& operator=(const ObservedExchange&) = delete;
  ~ObservedExchange() override;

  const net::WireRequest& request() const override { return inner_->request(); }
  // Adds a Server-Timing header "total;dur=..." when the response has none.
  void RespondThen(net::WireResponse response, net::AfterSent after_sent) override;
  // Observed with the head's status once the stream started (the request's time is then the time
  // to its first byte), and without Server-Timing: a stream's head leaves before the work is done.
  std::shared_ptr<net::ResponseStream> StartStream(net::WireResponse head) override;

 private:
  void Observe(int status);

  const std::shared_ptr<net::Exchange> inner_;
  const Observer observer_;
  const std::chrono::steady_clock::time_point start_;  // when the route took the exchange
  std::atomic<bool> observed_{false};
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_OBSERVABILITY_OBSERVED_EXCHANGE_H_
