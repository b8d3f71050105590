#ifndef FAREFLOW_NET_HTTP_SERVER_H_
#define FAREFLOW_NET_HTTP_SERVER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
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
};

// One request on a connection and the means to answer it. Handlers may answer at once or later
// (from any thread, e.g. after a timer); the connection waits for exactly one of the calls below.
// Keep the shared_ptr to answer later; dropping it unanswered closes the connection.
class Exchange {
 public:
  virtual ~Exchange() = default;

  // The request. Valid until the exchange is answered.
  virtual const WireRequest& request() const = 0;

  // Sends `response` after `delay`. The body is gzip-compressed when the request's
  // Accept-Encoding allows gzip and the body is larger than a few hundred bytes.
  virtual void Respond(WireResponse response,
                       std::chrono::milliseconds delay = std::chrono::milliseconds(0)) = 0;

  // Sends `response` like Respond, then runs `after_sent` exactly once on the io thread after the
  // answer's last byte has been handed to the socket, so the client can read the whole answer
  // before the work starts. The work also runs exactly once when the answer is never written:
  // the write fails, the connection or the server closes first (then on the thread that stops
  // the server or drops the answer), or the exchange was already answered (then at once, on the
  // calling thread). `after_sent` must not block or throw: hand longer work to another thread.
  virtual void RespondThen(WireResponse response, std::function<void()> after_sent) = 0;

  // Sends the status line, headers and only the first `body_bytes` bytes of the body (headers
  // announce the full length), then closes the connection: a truncated answer.
  virtual void RespondTruncated(WireResponse response, std::size_t body_bytes,
                                std::chrono::milliseconds delay = std::chrono::milliseconds(0)) = 0;

  // Closes the connection abruptly (TCP reset) without answering.
  virtual void Reset(std::chrono::milliseconds delay = std::chrono::milliseconds(0)) = 0;

  // Never answers; the connection stays open until the client gives up or the server stops.
  virtual void Hang() = 0;
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

// An HTTP/1.1 server on Boost.Beast/Asio: keep-alive, explicit header and body limits, read,
// write and idle timeouts, 400/413/431 answers for requests it cannot read, and a clean stop that
// lets in-flight answers finish. The handler runs on an io thread and must not block it.
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();  // Stop()s and joins

  // Binds and listens; on success the port is known (port()) and connections are accepted by
  // the io threads in the background. Errors (address in use, bad host) are values.
  Result<void> Start();
  uint16_t port() const;

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
