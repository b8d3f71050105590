#ifndef FAREFLOW_NET_EXCHANGE_H_
#define FAREFLOW_NET_EXCHANGE_H_

#include <functional>
#include <memory>
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
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_EXCHANGE_H_
