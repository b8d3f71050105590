#ifndef FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_
#define FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_

// A small blocking HTTP/1.1 client for tests, on Beast over loopback. Every call has a deadline;
// connection failures (refused, reset, timeout, truncated answer) come back as TestResponse::error,
// never as exceptions. Thread-safety: a TestHttpConnection is used by one thread at a time;
// separate connections and Fetch() calls may run concurrently.
//
// Beast is compiled once, in http_test_client.cc (the test support library): a test that includes
// this header instantiates none of its templates.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

// A client connection to 127.0.0.1:port, for keep-alive and raw-bytes tests. Each call runs its
// own deadline of `timeout`.
class TestHttpConnection {
 public:
  explicit TestHttpConnection(uint16_t port,
                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~TestHttpConnection();
  TestHttpConnection(const TestHttpConnection&) = delete;
  TestHttpConnection& operator=(const TestHttpConnection&) = delete;

  // Empty while the connection is usable; else the first error met.
  const std::string& error() const;
  bool timed_out() const;

  // Sends one request and reads its answer. Adds Host, and Content-Length when there is a body.
  TestResponse Fetch(std::string method, std::string target, std::string body = "",
                     const Headers& headers = {});

  // Sends bytes as they are (malformed requests, pipelining).
  bool WriteRaw(std::string_view bytes);

  // Reads the next answer.
  TestResponse ReadResponse(bool head = false);

 private:
  struct State;  // the io_context, the Beast stream and buffer, the first error
  std::unique_ptr<State> state_;
};

// One request on a fresh connection to 127.0.0.1:port.
TestResponse Fetch(uint16_t port, std::string method, std::string target, std::string body = "",
                   Headers headers = {},
                   std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_HTTP_TEST_CLIENT_H_
