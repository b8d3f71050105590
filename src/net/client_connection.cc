#include "net/client_connection.h"

#include <sys/socket.h>

#include <cerrno>
#include <utility>

#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace fareflow::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

ClientConnection::ClientConnection(asio::any_io_executor executor, std::string origin)
    : origin_(std::move(origin)), stream_(std::in_place_type<tcp::socket>, std::move(executor)) {}

ClientConnection::ClientConnection(asio::any_io_executor executor, asio::ssl::context& tls,
                                   std::string origin)
    : origin_(std::move(origin)),
      stream_(std::in_place_type<TlsStream>, std::move(executor), tls) {}

tcp::socket& ClientConnection::socket() {
  if (auto* plain = std::get_if<tcp::socket>(&stream_)) return *plain;
  return std::get<TlsStream>(stream_).next_layer();
}

ClientConnection::TlsStream* ClientConnection::tls() { return std::get_if<TlsStream>(&stream_); }

void ClientConnection::AsyncWrite(ClientWireRequest& request, IoHandler handler) {
  std::visit([&](auto& stream) { http::async_write(stream, request, std::move(handler)); },
             stream_);
}

void ClientConnection::AsyncRead(ClientResponseParser& parser, IoHandler handler) {
  std::visit([&](auto& stream) { http::async_read(stream, buffer_, parser, std::move(handler)); },
             stream_);
}

bool ClientConnection::LooksReusable() {
  tcp::socket& raw = socket();
  if (!raw.is_open() || buffer_.size() != 0) return false;
  char byte;
  ssize_t got = ::recv(raw.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // -1 with EAGAIN: nothing to read, the peer is still there. 0: the peer closed. Bytes: an
  // answer nobody asked for (or a TLS alert) that would be mistaken for the next answer.
  return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void ClientConnection::Close() {
  beast::error_code ignored;
  socket().shutdown(tcp::socket::shutdown_both, ignored);
  socket().close(ignored);
}

}  // namespace fareflow::net
