#ifndef FAREFLOW_NET_HTTP_SERVER_H_
#define FAREFLOW_NET_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "net/connection_counters.h"
#include "net/exchange.h"
#include "net/fault_exchange.h"
#include "net/wire_exchange.h"

namespace fareflow::net {

// Limits and placement of an HttpServer. Every limit applies per connection.
struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;                                // 0 = any free port; see HttpServer::port()
  std::size_t header_limit = 16 * 1024;             // bytes; larger headers get 431
  std::size_t body_limit = 1024 * 1024;             // bytes; larger bodies get 413
  std::chrono::milliseconds read_timeout{30'000};   // to receive a whole request
  std::chrono::milliseconds write_timeout{30'000};  // to send a whole response
  std::chrono::milliseconds idle_timeout{60'000};   // keep-alive between requests
  unsigned threads = 1;                             // io threads running the event loop
  std::string server_name = "fareflow";             // the Server header
  // Headers every answer carries, the server's own errors included, unless the handler's answer
  // sets a header of the same name (security headers: server/access/security_headers.h).
  std::vector<std::pair<std::string, std::string>> default_headers;
  // Client connections open at once; 0 = as many as the descriptor limit allows with a reserve
  // (net/connection_cap.h), which also lowers a larger value. A connection arriving at the cap
  // closes the one idle longest (waiting for a request), or, when none is idle, is refused: a
  // 503 and closed at once.
  std::size_t max_connections = 0;
};

// An HTTP/1.1 server on Boost.Beast/Asio: keep-alive, explicit header and body limits, read,
// write and idle timeouts, a cap on open connections, 400/413/431 answers for requests it cannot
// read (and the other refusals of net/request_head.h, framing strictly as RFC 9112 asks), and a
// clean stop that lets in-flight answers finish. The handler runs on an io thread and must not
// block it; an exchange dropped unanswered closes its connection.
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  // A server of an emulated peer: `handler` is given FaultExchanges, which can also answer late,
  // cut short, with a reset, or never.
  HttpServer(HttpServerOptions options, FaultHandler handler);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();  // Stop()s and joins

  // Binds and listens; on success the port is known (port()) and connections are accepted by
  // the io threads in the background. Errors (address in use, bad host) are values.
  Result<void> Start();
  uint16_t port() const;
  // The cap on open connections, options().max_connections resolved.
  std::size_t max_connections() const;
  // Connections accepted, shed, refused and open; valid for as long as the caller keeps it.
  std::shared_ptr<const ConnectionCounters> connection_counters() const;

  // Stops accepting, waits up to `drain` for in-flight exchanges to be answered, then closes
  // every connection and joins the io threads. Idempotent.
  void Stop(std::chrono::milliseconds drain = std::chrono::milliseconds(5'000));

  // Blocks until SIGINT or SIGTERM, then Stop()s. For command-line servers.
  void WaitForSignal();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_HTTP_SERVER_H_
