#ifndef FAREFLOW_NET_CONNECTION_POOL_H_
#define FAREFLOW_NET_CONNECTION_POOL_H_

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "net/client_connection.h"

namespace fareflow::net {

// Idle keep-alive connections of an HttpClient, at most `max_idle_per_origin` per pool key
// (scheme://host:port, and the proxy for a proxied one: ClientConnection::origin()), each reused
// only within `idle_keep` of its last exchange. A sweep timer closes expired ones within another
// idle_keep, so idle sockets are released even when no request comes.
//
// Thread-safety: none; use it on the client's io thread only. The pool must outlive the
// executor's run (the sweep handler refers to it); CloseAll() before it is destroyed.
class ConnectionPool {
 public:
  ConnectionPool(boost::asio::any_io_executor executor, std::size_t max_idle_per_origin,
                 std::chrono::milliseconds idle_keep);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // The most recently parked connection to `origin` that is still fresh and open, or nullptr.
  // Stale ones met on the way are closed.
  std::shared_ptr<ClientConnection> Take(const std::string& origin);

  // Parks a connection whose last exchange ended cleanly; no operation may be pending on it.
  // The oldest connection to the same origin is closed when the origin is full.
  void Put(std::shared_ptr<ClientConnection> connection);

  // Closes every idle connection and stops the sweep timer.
  void CloseAll();

  std::size_t idle_count() const;

 private:
  void ArmSweep();
  void Sweep();

  std::size_t max_idle_per_origin_;
  std::chrono::milliseconds idle_keep_;
  boost::asio::steady_timer sweep_timer_;
  bool sweep_armed_ = false;
  bool closed_ = false;
  // Per origin, oldest first.
  std::unordered_map<std::string, std::deque<std::shared_ptr<ClientConnection>>> idle_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CONNECTION_POOL_H_
