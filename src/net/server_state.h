#ifndef FAREFLOW_NET_SERVER_STATE_H_
#define FAREFLOW_NET_SERVER_STATE_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "net/http_server.h"

namespace fareflow::net {

class Connection;

// What the listener, the connections and the exchanges of one HttpServer share: the options, the
// handler, the open connections, the count of in-flight exchanges and the stop phases.
// Thread-safe: every method may be called from any thread.
class ServerState {
 public:
  // Every exchange is handed to `handler` as a FaultExchange; a production Handler is wrapped in
  // one by HttpServer, and sees only the Exchange part.
  ServerState(HttpServerOptions options, FaultHandler handler)
      : options_(std::move(options)), handler_(std::move(handler)) {}
  ServerState(const ServerState&) = delete;
  ServerState& operator=(const ServerState&) = delete;

  const HttpServerOptions& options() const { return options_; }
  const FaultHandler& handler() const { return handler_; }

  // Adds an accepted connection; false once stopping (the caller closes it instead).
  bool Register(std::shared_ptr<Connection> connection);
  // Forgets a closed connection. Called by the connection itself.
  void Unregister(const Connection* connection);
  // A snapshot of the open connections.
  std::vector<std::shared_ptr<Connection>> Connections() const;

  // Counts an exchange handed to the handler; false once stopping (the request is not handled).
  bool BeginExchange();
  // Uncounts it: answered and written, hung, or its connection closed.
  void EndExchange();
  std::size_t in_flight() const;

  // Phase 1 of a stop: no new connections or exchanges.
  void BeginStopping();
  // Waits until no exchange is in flight or `deadline` passes; true when none is.
  bool WaitUntilIdle(std::chrono::steady_clock::time_point deadline);
  // Phase 2: the io threads are about to stop; exchanges' calls become no-ops from now on.
  void MarkStopped();

  // Runs `fn` under the state lock unless the server is stopped; returns whether it ran. Used by
  // exchanges to post onto a connection's strand only while the io_context is alive. `fn` must
  // not call back into this object.
  template <typename Fn>
  bool IfRunning(Fn&& fn) {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopped_) return false;
    fn();
    return true;
  }

 private:
  const HttpServerOptions options_;
  const FaultHandler handler_;

  mutable std::mutex mu_;
  std::condition_variable idle_;
  std::unordered_map<const Connection*, std::shared_ptr<Connection>> connections_;
  std::size_t in_flight_ = 0;
  bool stopping_ = false;
  bool stopped_ = false;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_SERVER_STATE_H_
