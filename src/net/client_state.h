#ifndef FAREFLOW_NET_CLIENT_STATE_H_
#define FAREFLOW_NET_CLIENT_STATE_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "core/result.h"
#include "net/connection_pool.h"
#include "net/http_client.h"
#include "net/proxy.h"

namespace fareflow::net {

class ClientExchange;

// What the exchanges of one HttpClient share: the io_context, the options, the TLS context, the
// pool of idle connections and the registry of exchanges in flight (so that stopping can end
// them). Exchanges hold it by shared_ptr; HttpClient destroys its last reference only after the
// io thread has joined.
//
// Thread-safety: the constructor and connections_opened() may be called from any thread; every
// other member only on the io thread.
class ClientState {
 public:
  ClientState(boost::asio::io_context& io, HttpClientOptions options);
  ClientState(const ClientState&) = delete;
  ClientState& operator=(const ClientState&) = delete;

  boost::asio::io_context& io() { return io_; }
  const HttpClientOptions& options() const { return options_; }
  ConnectionPool& pool() { return pool_; }
  // The proxies of options().proxy, or why they do not parse. Lives as long as this state.
  const Result<ProxyRoutes>& proxy() const { return proxy_; }

  // The TLS context for https connections, or why there is none (trust anchors not loadable).
  // The pointer lives as long as this state. Built on first use, because loading the system's
  // trust anchors takes tens of milliseconds (about 45 ms for Debian's bundle) that a process
  // without https peers -- or one that must be ready at once -- should not pay at start.
  // On the io thread only.
  Result<boost::asio::ssl::context*> tls();

  // Tracks an exchange from its start until it completes.
  void Register(const std::shared_ptr<ClientExchange>& exchange);
  void Unregister(const ClientExchange* exchange);

  // From now on new exchanges fail at once; ends every exchange in flight with kUnavailable
  // "client stopped" and closes the idle connections.
  void Stop();
  bool stopping() const { return stopping_; }

  void CountConnectionOpened() { connections_opened_.fetch_add(1, std::memory_order_relaxed); }
  uint64_t connections_opened() const {
    return connections_opened_.load(std::memory_order_relaxed);
  }

 private:
  boost::asio::io_context& io_;
  const HttpClientOptions options_;
  const Result<ProxyRoutes> proxy_;
  std::optional<Result<std::unique_ptr<boost::asio::ssl::context>>> tls_;
  ConnectionPool pool_;
  std::unordered_map<const ClientExchange*, std::weak_ptr<ClientExchange>> in_flight_;
  bool stopping_ = false;
  std::atomic<uint64_t> connections_opened_{0};
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CLIENT_STATE_H_
