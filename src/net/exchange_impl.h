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
#include "net/stream_parts.h"

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
    kStream,     // write the status and headers of `response`, then the parts of `stream`
  };
  Kind kind = Kind::kRespond;
  WireResponse response;
  double body_share = 0;
  std::chrono::milliseconds delay{0};
  // kRespond only: run by the connection once the answer is written; runs anyway (when this
  // Answer is destroyed) if the answer is dropped on the way.
  AfterSent after_sent;
  // kStream only: the body's parts, written by the handler's ResponseStream.
  std::shared_ptr<StreamParts> stream;
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
  std::shared_ptr<ResponseStream> StartStream(WireResponse head) override;

  // Whether one of the answering calls was made.
  bool answered() const { return answered_.load(); }

 private:
  // False when the answer could not be posted: the server stopped or the connection closed.
  bool Send(Answer answer);

  const std::shared_ptr<ServerState> state_;
  const std::weak_ptr<Connection> connection_;
  const uint64_t id_;
  const BeastRequest beast_request_;
  const WireRequest wire_;  // views into beast_request_
  std::atomic<bool> answered_{false};
};

// The stream ExchangeImpl::StartStream hands out: writes go to the StreamParts the connection
// reads, and a write that finds no pump running posts one onto the connection's strand. Refers to
// its connection weakly, like the exchange: once the connection closed or the server stopped,
// writes return false. Dropped before End, it closes the connection (the client sees a body cut
// short), as an exchange dropped unanswered does. Thread-safe. Memory: what it holds pending is
// at most the parts written as not replaceable and not yet handed to the socket, plus one
// replaceable part (StreamParts); a client that does not read costs no more than that.
class StreamImpl final : public ResponseStream {
 public:
  StreamImpl(std::shared_ptr<ServerState> state, std::weak_ptr<Connection> connection, uint64_t id,
             std::shared_ptr<StreamParts> parts);
  StreamImpl(const StreamImpl&) = delete;
  StreamImpl& operator=(const StreamImpl&) = delete;
  ~StreamImpl() override;

  bool Write(std::string part, bool replaceable = false) override;
  void End(AfterSent after_sent = nullptr) override;
  bool client_gone() const override { return parts_->gone(); }

 private:
  // Posts a pump onto the connection's strand; when it cannot, nothing more will be written.
  void Kick();
  void Gone();

  const std::shared_ptr<ServerState> state_;
  const std::weak_ptr<Connection> connection_;
  const uint64_t id_;
  const std::shared_ptr<StreamParts> parts_;
  std::atomic<bool> ended_{false};
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_EXCHANGE_IMPL_H_
