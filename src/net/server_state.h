#ifndef FAREFLOW_NET_SERVER_STATE_H_
#define FAREFLOW_NET_SERVER_STATE_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "net/connection_counters.h"
#include "net/http_server.h"

namespace fareflow::net {

class Connection;

// What the listener, the connections and the exchanges of one HttpServer share: the options, the
// handler, the open connections (and which of them are idle), the count of in-flight exchanges
// and the stop phases. Thread-safe: every method may be called from any thread.
class ServerState {
 public:
  // Every exchange is handed to `handler` as a FaultExchange; a production Handler is wrapped in
  // one by HttpServer, and sees only the Exchange part. options.max_connections is resolved
  // against the descriptor limit here (net/connection_cap.h).
  ServerState(HttpServerOptions options, FaultHandler handler);
  ServerState(const ServerState&) = delete;
  ServerState& operator=(const ServerState&) = delete;

  const HttpServerOptions& options() const { return options_; }
  const FaultHandler& handler() const { return handler_; }
  std::size_t max_connections() const { return max_connections_; }
  const std::shared_ptr<ConnectionCounters>& counters() const { return counters_; }

  // What became of an accepted connection.
  enum class Admission {
    kAdmitted,  // registered: start it
    kRefused,   // at the cap and none idle to shed: refuse it (Connection::Refuse)
    kStopping,  // the server stops: close it
  };
  // Registers an accepted connection, within the cap. At the cap, the connection that has been
  // idle longest is marked shed, to make room, and handed back in `*shed`: the caller closes it
  // (Connection::Shed). Counted in counters().
  Admission Admit(std::shared_ptr<Connection> connection, std::shared_ptr<Connection>* shed);
  // Forgets a closed connection. Called by the connection itself.
  void Unregister(const Connection* connection);
  // The connection waits for the first byte of a request (a new or a kept-alive connection): it
  // may be shed from now on.
  void MarkIdle(const Connection* connection);
  // The connection received a request's first bytes: no longer idle. False when it was shed
  // meanwhile: the connection must close.
  bool MarkBusy(const Connection* connection);
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
  struct Entry {
    std::shared_ptr<Connection> connection;
    bool idle = false;  // listed in idle_connections_
    bool shed = false;  // picked to be shed; closing
    std::list<const Connection*>::iterator idle_at;
  };

  const HttpServerOptions options_;
  const FaultHandler handler_;
  const std::size_t max_connections_;
  const std::shared_ptr<ConnectionCounters> counters_ = std::make_shared<ConnectionCounters>();

  mutable std::mutex mu_;
  std::condition_variable no_exchanges_;  // in_flight_ fell to 0
  std::unordered_map<const Connection*, Entry> connections_;
  std::list<const Connection*> idle_connections_;  // longest idle first
  std::size_t shedding_ = 0;                       // entries with `shed` set
  std::size_t in_flight_ = 0;
  bool stopping_ = false;
  bool stopped_ = false;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_SERVER_STATE_H_
