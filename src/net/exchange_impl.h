#ifndef FAREFLOW_NET_EXCHANGE_IMPL_H_
#define FAREFLOW_NET_EXCHANGE_IMPL_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "net/after_sent.h"
#include "net/fault_exchange.h"
#include "net/http_message.h"
#include "net/server_state.h"

namespace fareflow::net {

class Connection;

// One answer a handler gave, carried from the answering thread to the connection's strand.
struct Answer {
  enum class Kind {
    kRespond,    // write `response`
    kTruncated,  // write `response` with `body_share` of its body as sent, then close
    kReset,      // close with a TCP reset
    kHang,       // never answer; keep the connection open
    kAbandon,    // the exchange was dropped unanswered: close
  };
  Kind kind = Kind::kRespond;
  WireResponse response;
  double body_share = 0;
  std::chrono::milliseconds delay{0};
  // kRespond only: run by the connection once the answer is written; runs anyway (when this
  // Answer is destroyed) if the answer is dropped on the way.
  AfterSent after_sent;
};

// The exchange a handler receives: an Exchange, and for the handler of an emulated peer a
// FaultExchange. It owns the Beast request (so request()'s views stay valid for the exchange's
// whole life) and refers to its connection weakly: answering after the connection closed, or
// after the server stopped, does nothing.
// Thread-safe: every method may be called from any thread; the first answer wins, later ones are
// ignored. Answers are posted onto the connection's strand.
class ExchangeImpl final : public FaultExchange {
 public:
  ExchangeImpl(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection,
               uint64_t id, BeastRequest request);
  ExchangeImpl(const ExchangeImpl&) = delete;
  ExchangeImpl& operator=(const ExchangeImpl&) = delete;
  ~ExchangeImpl() override;  // unanswered: closes the connection

  const WireRequest& request() const override { return wire_; }
  void RespondThen(WireResponse response, AfterSent after_sent) override;
  void RespondLate(WireResponse response, std::chrono::milliseconds delay) override;
  void RespondTruncated(WireResponse response, double body_share,
                        std::chrono::milliseconds delay) override;
  void Reset(std::chrono::milliseconds delay) override;
  void Hang() override;

  // Whether one of the answering calls was made.
  bool answered() const { return answered_.load(); }

 private:
  void Send(Answer answer);

  const std::shared_ptr<ServerState> state_;
  const std::weak_ptr<Connection> connection_;
  const uint64_t id_;
  const BeastRequest beast_request_;
  const WireRequest wire_;  // views into beast_request_
  std::atomic<bool> answered_{false};
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_EXCHANGE_IMPL_H_
