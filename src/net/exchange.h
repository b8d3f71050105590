#ifndef FAREFLOW_NET_EXCHANGE_H_
#define FAREFLOW_NET_EXCHANGE_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "net/after_sent.h"
#include "net/wire_exchange.h"

namespace fareflow::net {

// One request and the means to answer it: the contract between whatever received the request (the
// HTTP server, a Lambda invocation) and a handler. Handlers may answer at once or later, from any
// thread; the first answer wins and later ones are ignored (their after-sent work still runs).
// Keep the shared_ptr to answer later; dropping it unanswered gives up on the request (the HTTP
// server closes the connection).
//
// Implementations provide request() and RespondThen. Emulated peers that must also fail on
// purpose use the FaultExchange extension (net/fault_exchange.h).
// The body of an answer sent in parts as they are made (Server-Sent Events), from a thread that
// must not wait for the client: writing never blocks. Thread-safe.
//
// Memory is bounded by what the writer queues, not by how slowly the client reads: a part
// written as `replaceable` is dropped when a later replaceable part is written before the first
// one has begun to go out, so a slow reader receives the latest of them (the results so far)
// and every part that is not replaceable (each supplier's status, the final answer).
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;

  // Queues `part` after the parts queued before it. Returns false once the client has gone or the
  // stream has ended: nothing more will be sent, and the writer may stop making parts.
  virtual bool Write(std::string part, bool replaceable = false) = 0;

  // Ends the body after the queued parts, then runs `after_sent` (kSent once the last byte was
  // handed on, kDropped when the client went first). Later Writes are ignored.
  virtual void End(AfterSent after_sent = nullptr) = 0;

  // Whether the client has gone (the connection closed or a write failed) before End.
  virtual bool client_gone() const = 0;
};

class Exchange {
 public:
  virtual ~Exchange() = default;

  // The request. Valid for the exchange's whole life.
  virtual const WireRequest& request() const = 0;

  // Sends `response`, then runs `after_sent` exactly once after the answer's last byte has been
  // handed on (to the socket, or to the Lambda Runtime API), so the client can read the whole
  // answer before the work starts. The work also runs exactly once when the answer is never
  // sent: the write fails, the connection or the server closes first, or the exchange was already
  // answered (then at once, on the calling thread); a callback taking a Delivery is told which
  // (net/after_sent.h). `after_sent` may be empty; it must not block or throw: hand longer work
  // to another thread. The HTTP server gzip-compresses the body when
  // the request's Accept-Encoding allows gzip and the body is larger than a few hundred bytes.
  virtual void RespondThen(WireResponse response, AfterSent after_sent) = 0;

  // Sends `response`, with nothing to do afterwards.
  void Respond(WireResponse response) { RespondThen(std::move(response), nullptr); }

  // Starts an answer whose body follows in parts: sends the status and headers of `head` (its
  // body is ignored) and returns the stream the body is written to. This is the exchange's
  // answer: later answers are ignored. Returns nullptr when the front end cannot stream (the
  // default; e.g. a Lambda invocation through API Gateway): the caller then answers with
  // RespondThen, the whole answer at once.
  virtual std::shared_ptr<ResponseStream> StartStream(WireResponse /*head*/) { return nullptr; }
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_EXCHANGE_H_
