#ifndef FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_
#define FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_

// A small blocking HTTP/1.1 client for tests, on Beast over loopback. Every call has a deadline;
// connection failures (refused, reset, timeout, truncated answer) come back as TestResponse::error,
// never as exceptions. Thread-safety: a TestHttpConnection is used by one thread at a time;
// separate connections and Fetch() calls may run concurrently.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "net/gzip.h"
#include "net/wire_exchange.h"

namespace fareflow::testing_support {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One answer, or why there is none.
struct TestResponse {
  int status = 0;
  Headers headers;         // in order, as received
  std::string body;        // gunzipped when Content-Encoding is gzip
  std::string raw_body;    // as received
  std::string error;       // empty on success; else the connection or parse error message:
                           // "partial message" for a cut answer, "Connection reset by peer", ...
  bool timed_out = false;  // the error is the client's deadline passing

  bool ok() const { return error.empty(); }
  // The first header named `name` (compared without case), or empty.
  std::string Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (net::EqualsIgnoreCase(key, name)) return value;
    }
    return {};
  }
  bool HasHeader(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (net::EqualsIgnoreCase(key, name)) return true;
    }
    return false;
  }
};

// A client connection to 127.0.0.1:port, for keep-alive and raw-bytes tests. Each call runs its
// own deadline of `timeout`.
class TestHttpConnection {
 public:
  explicit TestHttpConnection(uint16_t port,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5))
      : stream_(io_), timeout_(timeout) {
    boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
    stream_.expires_after(timeout_);
    stream_.async_connect(endpoint, [this](boost::beast::error_code ec) { Note(ec); });
    Run();
  }
  TestHttpConnection(const TestHttpConnection&) = delete;
  TestHttpConnection& operator=(const TestHttpConnection&) = delete;

  // Empty while the connection is usable; else the first error met.
  const std::string& error() const { return error_; }
  bool timed_out() const { return timed_out_; }

  // Sends one request and reads its answer. Adds Host, and Content-Length when there is a body.
  TestResponse Fetch(std::string method, std::string target, std::string body = "",
                     const Headers& headers = {}) {
    if (!error_.empty()) return Failed();
    boost::beast::http::request<boost::beast::http::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(boost::beast::http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.insert(name, value);
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.body() = std::move(body);
      request.prepare_payload();
    }
    stream_.expires_after(timeout_);
    boost::beast::http::async_write(stream_, request,
                                    [this](boost::beast::error_code ec, std::size_t) { Note(ec); });
    Run();
    if (!error_.empty()) return Failed();
    return ReadResponse(method == "HEAD");
  }

  // Sends bytes as they are (malformed requests, pipelining).
  bool WriteRaw(std::string_view bytes) {
    if (!error_.empty()) return false;
    stream_.expires_after(timeout_);
    boost::asio::async_write(stream_, boost::asio::buffer(bytes.data(), bytes.size()),
                             [this](boost::beast::error_code ec, std::size_t) { Note(ec); });
    Run();
    return error_.empty();
  }

  // Reads the next answer.
  TestResponse ReadResponse(bool head = false) {
    if (!error_.empty()) return Failed();
    boost::beast::http::response_parser<boost::beast::http::string_body> parser;
    parser.body_limit(std::uint64_t{256} << 20);
    parser.skip(head);
    stream_.expires_after(timeout_);
    boost::beast::http::async_read(stream_, buffer_, parser,
                                   [this](boost::beast::error_code ec, std::size_t) { Note(ec); });
    Run();
    if (!error_.empty()) return Failed();
    TestResponse out;
    auto& message = parser.get();
    out.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    out.raw_body = std::move(message.body());
    if (net::EqualsIgnoreCase(out.Header("Content-Encoding"), "gzip")) {
      Result<std::string> plain = net::GzipDecompress(out.raw_body);
      if (plain) {
        out.body = std::move(*plain);
      } else {
        out.error = plain.error().message;
      }
    } else {
      out.body = out.raw_body;
    }
    return out;
  }

 private:
  void Note(boost::beast::error_code ec) {
    if (!ec || !error_.empty()) return;
    error_ = ec.message();
    timed_out_ = ec == boost::beast::error::timeout;
  }
  void Run() {
    io_.restart();
    io_.run();
  }
  TestResponse Failed() const {
    TestResponse out;
    out.error = error_;
    out.timed_out = timed_out_;
    return out;
  }

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::chrono::milliseconds timeout_;
  std::string error_;
  bool timed_out_ = false;
};

// One request on a fresh connection to 127.0.0.1:port.
inline TestResponse Fetch(uint16_t port, std::string method, std::string target,
                          std::string body = "", Headers headers = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  TestHttpConnection connection(port, timeout);
  return connection.Fetch(std::move(method), std::move(target), std::move(body), headers);
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_
