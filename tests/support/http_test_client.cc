#include "support/http_test_client.h"

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

namespace http = boost::beast::http;

std::string TestResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (net::EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

bool TestResponse::HasHeader(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (net::EqualsIgnoreCase(key, name)) return true;
  }
  return false;
}

struct TestHttpConnection::State {
  explicit State(std::chrono::milliseconds timeout) : stream(io), timeout(timeout) {}

  // Keeps the first error: later ones follow from it.
  void Note(boost::beast::error_code ec) {
    if (!ec || !error.empty()) return;
    error = ec.message();
    timed_out = ec == boost::beast::error::timeout;
  }
  // Runs the one pending operation to its end (or its deadline).
  void Run() {
    io.restart();
    io.run();
  }
  TestResponse Failed() const {
    TestResponse out;
    out.error = error;
    out.timed_out = timed_out;
    return out;
  }

  boost::asio::io_context io;
  boost::beast::tcp_stream stream;
  boost::beast::flat_buffer buffer;
  std::chrono::milliseconds timeout;
  std::string error;
  bool timed_out = false;
};

TestHttpConnection::TestHttpConnection(uint16_t port, std::chrono::milliseconds timeout)
    : state_(std::make_unique<State>(timeout)) {
  State& s = *state_;
  boost::asio::ip::tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), port);
  s.stream.expires_after(s.timeout);
  s.stream.async_connect(endpoint, [&s](boost::beast::error_code ec) { s.Note(ec); });
  s.Run();
}

TestHttpConnection::~TestHttpConnection() = default;

const std::string& TestHttpConnection::error() const { return state_->error; }
bool TestHttpConnection::timed_out() const { return state_->timed_out; }

TestResponse TestHttpConnection::Fetch(std::string method, std::string target, std::string body,
                                       const Headers& headers) {
  State& s = *state_;
  if (!s.error.empty()) return s.Failed();
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.insert(name, value);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.body() = std::move(body);
    request.prepare_payload();
  }
  s.stream.expires_after(s.timeout);
  http::async_write(s.stream, request,
                    [&s](boost::beast::error_code ec, std::size_t) { s.Note(ec); });
  s.Run();
  if (!s.error.empty()) return s.Failed();
  return ReadResponse(method == "HEAD");
}

bool TestHttpConnection::WriteRaw(std::string_view bytes) {
  State& s = *state_;
  if (!s.error.empty()) return false;
  s.stream.expires_after(s.timeout);
  boost::asio::async_write(s.stream, boost::asio::buffer(bytes.data(), bytes.size()),
                           [&s](boost::beast::error_code ec, std::size_t) { s.Note(ec); });
  s.Run();
  return s.error.empty();
}

TestResponse TestHttpConnection::ReadResponse(bool head) {
  State& s = *state_;
  if (!s.error.empty()) return s.Failed();
  http::response_parser<http::string_body> parser;
  parser.body_limit(std::uint64_t{256} << 20);
  parser.skip(head);
  s.stream.expires_after(s.timeout);
  http::async_read(s.stream, s.buffer, parser,
                   [&s](boost::beast::error_code ec, std::size_t) { s.Note(ec); });
  s.Run();
  if (!s.error.empty()) return s.Failed();
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

TestResponse Fetch(uint16_t port, std::string method, std::string target, std::string body,
                   Headers headers, std::chrono::milliseconds timeout) {
  TestHttpConnection connection(port, timeout);
  return connection.Fetch(std::move(method), std::move(target), std::move(body), headers);
}

}  // namespace fareflow::testing_support
