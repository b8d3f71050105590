#ifndef FAREFLOW_NET_CLIENT_CONNECTION_H_
#define FAREFLOW_NET_CLIENT_CONNECTION_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <variant>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/client_body.h"

namespace fareflow::net {

using ClientWireRequest = boost::beast::http::request<boost::beast::http::string_body>;
using ClientResponseParser = boost::beast::http::response_parser<ClientBody>;

// One client-side transport to an origin (scheme://host:port): a TCP socket, with TLS on top for
// https, and the read buffer that belongs to it (bytes past one answer stay with the connection).
// It knows nothing about deadlines or retries; ClientExchange drives it and the ConnectionPool
// keeps it between exchanges.
//
// Thread-safety: none; use it on the client's io thread only. At most one read and one write may
// be pending, and the connection, the request and the parser passed to an operation must outlive
// the operation's handler.
class ClientConnection {
 public:
  using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;
  // Receives an error (empty on success) and the number of bytes moved.
  using IoHandler = std::function<void(boost::beast::error_code, std::size_t)>;

  // A plain http connection, not yet connected.
  ClientConnection(boost::asio::any_io_executor executor, std::string origin);
  // An https connection, not yet connected; `tls` must outlive the connection.
  ClientConnection(boost::asio::any_io_executor executor, boost::asio::ssl::context& tls,
                   std::string origin);
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // The pool key: "scheme://host:port", with " via http://proxy:port" when proxied.
  const std::string& origin() const { return origin_; }
  // The TCP socket, to connect and to close.
  boost::asio::ip::tcp::socket& socket();
  // The TLS stream for the handshake; nullptr for plain http.
  TlsStream* tls();
  // Bytes read but not yet parsed.
  boost::beast::flat_buffer& buffer() { return buffer_; }

  // Writes `request` whole.
  void AsyncWrite(ClientWireRequest& request, IoHandler handler);
  // Reads one whole answer into `parser` (within the parser's limits).
  void AsyncRead(ClientResponseParser& parser, IoHandler handler);

  // True when the socket is open, the peer has not closed it and has sent nothing unasked: a
  // non-blocking peek, so a connection the server closed while it was idle is not reused.
  bool LooksReusable();

  // Closes the socket at once (no TLS close_notify); pending operations end with
  // operation_aborted.
  void Close();

  // When the connection last finished an exchange; set by the pool.
  std::chrono::steady_clock::time_point idle_since;

 private:
  std::string origin_;
  std::variant<boost::asio::ip::tcp::socket, TlsStream> stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CLIENT_CONNECTION_H_
