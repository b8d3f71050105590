#include "net/proxy_tunnel.h"

#include <memory>
#include <string>
#include <utility>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "net/http_message.h"

namespace fareflow::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// "host:port", brackets around an IPv6 literal: the authority-form of CONNECT.
std::string Authority(const Url& url) {
  const std::string host =
      url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  return host + ":" + std::to_string(url.port);
}

// What one CONNECT needs until its handler has run.
struct TunnelOperation {
  TunnelOperation(asio::ip::tcp::socket& socket, const Url& target, const ProxyEndpoint& proxy,
                  TunnelHandler done)
      : socket(socket), target(target), proxy(proxy), done(std::move(done)) {}

  asio::ip::tcp::socket& socket;
  const Url& target;
  const ProxyEndpoint& proxy;
  TunnelHandler done;
  http::request<http::empty_body> request;
  beast::flat_buffer buffer;
  http::response_parser<http::empty_body> parser;

  // "proxy http://host:port (CONNECT to target:port)", for messages.
  std::string Where() const { return "proxy " + proxy.display + ", CONNECT " + Authority(target); }
  void Fail(ErrorCode code, const std::string& message) {
    done(MakeError(code, message + " (" + Where() + ")"));
  }
};

void OnAnswerHead(const std::shared_ptr<TunnelOperation>& op, beast::error_code ec) {
  if (ec == http::error::header_limit) {
    return op->Fail(ErrorCode::kMalformed, "the proxy's answer to CONNECT has headers over " +
                                               std::to_string(kConnectAnswerHeaderLimit) +
                                               " bytes");
  }
  if (ec == http::error::end_of_stream) {
    return op->Fail(ErrorCode::kIo, "the proxy closed the connection before answering CONNECT");
  }
  if (ec && IsHttpParseError(ec)) {
    return op->Fail(ErrorCode::kMalformed, "bad answer to CONNECT: " + ec.message());
  }
  if (ec) return op->Fail(ErrorCode::kIo, "reading the answer to CONNECT failed: " + ec.message());
  const unsigned status = op->parser.get().result_int();
  if (status < 200 || status > 299) {
    std::string reason(http::obsolete_reason(http::int_to_status(status)));
    if (reason == "<unknown-status>") reason.clear();
    return op->Fail(ErrorCode::kUnavailable, "proxy refused CONNECT: " + std::to_string(status) +
                                                 (reason.empty() ? "" : " " + reason));
  }
  if (op->buffer.size() != 0) {
    return op->Fail(ErrorCode::kMalformed, "the proxy sent bytes after its answer to CONNECT");
  }
  op->done({});
}

}  // namespace

void AsyncOpenTunnel(asio::ip::tcp::socket& socket, const Url& target, const ProxyEndpoint& proxy,
                     TunnelHandler done) {
  auto op = std::make_shared<TunnelOperation>(socket, target, proxy, std::move(done));
  op->request.method(http::verb::connect);
  op->request.target(Authority(target));
  op->request.version(11);
  op->request.set(http::field::host, Authority(target));
  if (!proxy.authorization.empty()) {
    op->request.set(http::field::proxy_authorization, proxy.authorization);
  }
  // A 2xx answer to CONNECT has no body whatever its headers say (RFC 9110 section 9.3.6), and
  // the bytes after its head belong to the tunnel: read the head only.
  op->parser.skip(true);
  op->parser.header_limit(kConnectAnswerHeaderLimit);
  http::async_write(socket, op->request, [op](beast::error_code ec, std::size_t) {
    if (ec) return op->Fail(ErrorCode::kIo, "sending CONNECT failed: " + ec.message());
    http::async_read_header(op->socket, op->buffer, op->parser,
                            [op](beast::error_code ec, std::size_t) { OnAnswerHead(op, ec); });
  });
}

void ForwardThroughProxy(http::request<http::string_body>& request, const Url& target,
                         const ProxyEndpoint& proxy) {
  request.target(target.scheme + "://" + target.HostHeader() + target.target);
  if (!proxy.authorization.empty()) {
    request.set(http::field::proxy_authorization, proxy.authorization);
  }
}

}  // namespace fareflow::net
