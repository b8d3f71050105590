#ifndef FAREFLOW_NET_FAULT_EXCHANGE_H_
#define FAREFLOW_NET_FAULT_EXCHANGE_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "net/exchange.h"

namespace fareflow::net {

// An exchange of an emulated peer, which must also be able to fail as a real one does: answer
// late, cut its answer short, reset the connection, or never answer. Only an HttpServer built
// with a FaultHandler hands these out; production handlers see the plain Exchange. The same
// rules hold as for Exchange: thread-safe, the first answer wins.
class FaultExchange : public Exchange {
 public:
  // Sends `response` after `delay`: a slow peer.
  virtual void RespondLate(WireResponse response, std::chrono::milliseconds delay) = 0;

  // Sends the status line, headers and only the first `body_share` (0 to 1) of the body's bytes
  // as they go on the wire (headers announce the full length), after `delay`, then closes the
  // connection: a truncated answer. The share is of the body as sent, after any content coding:
  // a gzipped answer is cut in its compressed bytes, not by its uncompressed length, which would
  // let the whole (smaller) compressed body through. At least one byte of a non-empty body is
  // held back, so the answer is always short.
  virtual void RespondTruncated(WireResponse response, double body_share,
                                std::chrono::milliseconds delay = std::chrono::milliseconds(0)) = 0;

  // Closes the connection abruptly (TCP reset) after `delay`, without answering.
  virtual void Reset(std::chrono::milliseconds delay = std::chrono::milliseconds(0)) = 0;

  // Never answers; the connection stays open until the client gives up or the server stops.
  virtual void Hang() = 0;
};

// The handler of an emulated peer's HttpServer (supplier emulators, tests of HTTP clients). A type
// of its own rather than a std::function alias, so that a server whose exchanges may fail is
// asked for by name: HttpServer(options, FaultHandler{...}).
struct FaultHandler {
  std::function<void(std::shared_ptr<FaultExchange>)> handle;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_FAULT_EXCHANGE_H_
