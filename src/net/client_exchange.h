#ifndef FAREFLOW_NET_CLIENT_EXCHANGE_H_
#define FAREFLOW_NET_CLIENT_EXCHANGE_H_

#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>

#include "core/result.h"
#include "net/client_connection.h"
#include "net/client_state.h"
#include "net/http_client.h"
#include "net/proxy.h"
#include "net/url.h"

namespace fareflow::net {

// One request and its answer: takes an idle connection to the origin or resolves, connects,
// (for https through a proxy) opens a CONNECT tunnel and (for https) handshakes a new one, writes
// the request, reads the answer, parks the connection again when it can be reused, and runs the
// callback exactly once. A steady timer bounds the whole exchange; when it fires, the connection is
// closed and the callback gets kTimeout.
//
// Lifetime: every pending operation holds a shared_ptr to the exchange, so the connection, the
// request and the parser those operations use live until the last handler has run, even after
// the callback; ClientState holds only a weak reference. Thread-safety: none; everything runs on
// the client's io thread.
class ClientExchange : public std::enable_shared_from_this<ClientExchange> {
 public:
  ClientExchange(std::shared_ptr<ClientState> state, ClientRequest request, ClientCallback done);
  ClientExchange(const ClientExchange&) = delete;
  ClientExchange& operator=(const ClientExchange&) = delete;

  // Begins the exchange. Call once, right after construction.
  void Start();
  // Ends the exchange now with `error` (no-op when already complete); closes its connection.
  void Abort(Error error);

 private:
  void Connect();
  void OnResolved(boost::beast::error_code ec,
                  boost::asio::ip::tcp::resolver::results_type endpoints);
  void OnConnected(boost::beast::error_code ec);
  void OpenTunnel();
  void Handshake();
  void OnHandshake(boost::beast::error_code ec);
  void Write();
  void OnWritten(boost::beast::error_code ec);
  void Read();
  void OnRead(boost::beast::error_code ec);
  void OnAnswer();
  // The body passed the limit and the request keeps the cut: answers with what was kept.
  void OnCut();
  void OnDeadline(boost::beast::error_code ec);

  // A failure on a pooled connection before any byte of the answer: the server most likely
  // closed it while idle. Retries once on a fresh connection; otherwise fails with `error`.
  void RetryOrFail(boost::beast::error_code ec, Error error);
  void Complete(Result<ClientResponse> result);
  // The origin, and the proxy when there is one, as messages name them (never credentials).
  std::string Peer() const;

  const std::shared_ptr<ClientState> state_;
  ClientRequest request_;
  ClientCallback done_;
  Url url_;
  // The proxy this exchange goes through (owned by state_), or nullptr: directly.
  const ProxyEndpoint* proxy_ = nullptr;
  // The pool key: the origin, and the proxy when there is one.
  std::string pool_key_;
  std::optional<ClientWireRequest> wire_request_;
  boost::asio::steady_timer deadline_timer_;
  boost::asio::ip::tcp::resolver resolver_;
  std::shared_ptr<ClientConnection> connection_;
  std::optional<ClientResponseParser> parser_;
  bool reused_ = false;          // connection_ came from the pool
  bool retried_ = false;         // the one retry on a fresh connection was spent
  bool answer_started_ = false;  // a byte of the answer arrived: no retry any more
  bool complete_ = false;        // the callback has run (or is running)
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CLIENT_EXCHANGE_H_
