#ifndef FAREFLOW_TESTS_SUPPORT_FORWARD_PROXY_H_
#define FAREFLOW_TESTS_SUPPORT_FORWARD_PROXY_H_

// A forward HTTP proxy on a free loopback port, for the proxy tests: CONNECT (RFC 9110 section
// 9.3.6) answered 200 and then spliced byte for byte to the target, and absolute-form requests
// (RFC 9112 section 3.2.2) forwarded to the origin in origin-form without Proxy-Authorization.
// It records every request head it reads, can require a Proxy-Authorization value (407 with
// Proxy-Authenticate otherwise), refuse every CONNECT with a given status, or stall (read the
// request and never answer).
//
// Threads: one io thread runs every session; forwarding an absolute-form request blocks it while
// the origin answers, which the tests' origins (on their own threads) do at once. The accessors
// may be called from any thread. Every upstream address comes from the request: loopback in the
// tests, never anything outside the machine.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace fareflow::testing_support {

struct ForwardProxyOptions {
  // When non-empty, a request whose Proxy-Authorization differs gets 407.
  std::string required_authorization;
  int connect_status = 0;  // non-zero: every CONNECT is answered with this status, then closed
  bool stall = false;      // read each request head and never answer
};

// One request head as the proxy read it.
struct ProxiedRequest {
  std::string method;
  std::string target;               // "host:port" for CONNECT; "http://host:port/path" else
  std::string host;                 // the Host header
  std::string proxy_authorization;  // as received; empty when absent
};

class ForwardProxy {
 public:
  explicit ForwardProxy(ForwardProxyOptions options = {})
      : options_(std::move(options)),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    Accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ForwardProxy(const ForwardProxy&) = delete;
  ForwardProxy& operator=(const ForwardProxy&) = delete;
  ~ForwardProxy() {
    io_.stop();
    thread_.join();
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }
  // "http://127.0.0.1:PORT", with `userinfo` + "@" before the host when given.
  std::string Url(const std::string& userinfo = "") const {
    return "http://" + (userinfo.empty() ? "" : userinfo + "@") +
           "127.0.0.1:" + std::to_string(port());
  }
  int connections() const { return connections_.load(); }
  std::vector<ProxiedRequest> seen() const {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  using tcp = boost::asio::ip::tcp;
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  struct Session {
    explicit Session(tcp::socket s) : client(std::move(s)), upstream(client.get_executor()) {}
    tcp::socket client;
    tcp::socket upstream;
    boost::beast::flat_buffer buffer;
    std::optional<Parser> parser;
    std::string reply;
    std::array<char, 16384> up_bytes{};
    std::array<char, 16384> down_bytes{};
  };

  void Accept() {
    acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      connections_.fetch_add(1);
      auto session = std::make_shared<Session>(std::move(socket));
      sessions_.push_back(session);  // kept until the proxy goes, stalled ones included
      ReadRequest(session);
      Accept();
    });
  }

  void ReadRequest(const std::shared_ptr<Session>& s) {
    s->parser.emplace();
    s->parser->body_limit(16 * 1024 * 1024);
    boost::beast::http::async_read_header(
        s->client, s->buffer, *s->parser,
        [this, s](boost::system::error_code ec, std::size_t) { OnHead(s, ec); });
  }

  void OnHead(const std::shared_ptr<Session>& s, boost::system::error_code ec) {
    if (ec) return;
    namespace http = boost::beast::http;
    const auto& head = s->parser->get();
    ProxiedRequest seen{std::string(head.method_string()), std::string(head.target()),
                        std::string(head[http::field::host]),
                        std::string(head[http::field::proxy_authorization])};
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(seen);
    }
    if (options_.stall) return;
    if (!options_.required_authorization.empty() &&
        seen.proxy_authorization != options_.required_authorization) {
      return Reply(s,
                   "HTTP/1.1 407 Proxy Authentication Required\r\n"
                   "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n"
                   "Connection: close\r\n\r\n");
    }
    if (head.method() == http::verb::connect) return Connect(s, seen.target);
    Forward(s);
  }

  void Reply(const std::shared_ptr<Session>& s, std::string raw) {
    s->reply = std::move(raw);
    boost::asio::async_write(s->client, boost::asio::buffer(s->reply),
                             [s](boost::system::error_code, std::size_t) {
                               boost::system::error_code ignored;
                               s->client.shutdown(tcp::socket::shutdown_send, ignored);
                             });
  }

  // Connects `s->upstream` to "host:port" (brackets allowed); false when it cannot.
  bool ConnectUpstream(const std::shared_ptr<Session>& s, const std::string& authority) {
    std::string host = authority.substr(0, authority.rfind(':'));
    std::string port = authority.substr(authority.rfind(':') + 1);
    if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    tcp::resolver resolver(io_);
    auto endpoints = resolver.resolve(host, port, ec);
    if (ec) return false;
    boost::asio::connect(s->upstream, endpoints, ec);
    return !ec;
  }

  void Connect(const std::shared_ptr<Session>& s, const std::string& authority) {
    if (options_.connect_status != 0) {
      return Reply(s, "HTTP/1.1 " + std::to_string(options_.connect_status) +
                          " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    if (!ConnectUpstream(s, authority)) {
      return Reply(s, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    }
    s->reply = "HTTP/1.1 200 Connection established\r\n\r\n";
    boost::asio::async_write(s->client, boost::asio::buffer(s->reply),
                             [this, s](boost::system::error_code ec, std::size_t) {
                               if (ec) return;
                               // Bytes the client sent past the head go first.
                               if (s->buffer.size() != 0) {
                                 boost::system::error_code ignored;
                                 boost::asio::write(s->upstream, s->buffer.data(), ignored);
                                 s->buffer.consume(s->buffer.size());
                               }
                               Splice(s, s->client, s->upstream, s->up_bytes);
                               Splice(s, s->upstream, s->client, s->down_bytes);
                             });
  }

  // Copies what `from` sends to `to` until either side ends, then ends both.
  void Splice(const std::shared_ptr<Session>& s, tcp::socket& from, tcp::socket& to,
              std::array<char, 16384>& bytes) {
    from.async_read_some(
        boost::asio::buffer(bytes),
        [this, s, &from, &to, &bytes](boost::system::error_code ec, std::size_t n) {
          if (ec) {
            boost::system::error_code ignored;
            to.shutdown(tcp::socket::shutdown_send, ignored);
            return;
          }
          boost::asio::async_write(
              to, boost::asio::buffer(bytes.data(), n),
              [this, s, &from, &to, &bytes](boost::system::error_code ec, std::size_t) {
                if (ec) {
                  boost::system::error_code ignored;
                  from.close(ignored);
                  return;
                }
                Splice(s, from, to, bytes);
              });
        });
  }

  // An absolute-form request: read its body, send it to the origin in origin-form on a fresh
  // connection, relay the answer, then read the next request (keep-alive).
  void Forward(const std::shared_ptr<Session>& s) {
    namespace http = boost::beast::http;
    boost::system::error_code ec;
    http::read(s->client, s->buffer, *s->parser, ec);
    if (ec) return;
    http::request<http::string_body> request = s->parser->release();
    std::string target(request.target());
    const std::string scheme = "http://";
    if (target.rfind(scheme, 0) != 0) {
      return Reply(s, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    std::string rest = target.substr(scheme.size());
    std::size_t slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (authority.find(':') == std::string::npos || authority.back() == ']') authority += ":80";
    request.target(slash == std::string::npos ? "/" : rest.substr(slash));
    request.erase(http::field::proxy_authorization);
    boost::system::error_code ignored;
    s->upstream.close(ignored);
    s->upstream = tcp::socket(io_);
    if (!ConnectUpstream(s, authority)) {
      return Reply(s, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    http::write(s->upstream, request, ec);
    boost::beast::flat_buffer upstream_buffer;
    http::response<http::string_body> response;
    if (!ec) http::read(s->upstream, upstream_buffer, response, ec);
    s->upstream.close(ignored);
    if (ec) {
      return Reply(s, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }
    http::write(s->client, response, ec);
    if (!ec && request.keep_alive() && response.keep_alive()) ReadRequest(s);
  }

  const ForwardProxyOptions options_;
  boost::asio::io_context io_;  // before everything that uses it
  tcp::acceptor acceptor_;
  std::vector<std::shared_ptr<Session>> sessions_;  // io thread only
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::vector<ProxiedRequest> seen_;
  std::thread thread_;
};

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_FORWARD_PROXY_H_
