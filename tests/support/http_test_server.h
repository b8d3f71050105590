#ifndef FAREFLOW_TESTS_SUPPORT_HTTP_TEST_SERVER_H_
#define FAREFLOW_TESTS_SUPPORT_HTTP_TEST_SERVER_H_

// A fareflow HttpServer on a free loopback port for a test, and the plain answers its handlers
// give.

#include <memory>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "net/http_server.h"

namespace fareflow::testing_support {

// A text/plain answer with `body`.
inline net::WireResponse Text(std::string body, int status = 200) {
  net::WireResponse response;
  response.status = status;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

// A started server answering with `handler` (a net::Handler, or a net::FaultHandler for a peer
// whose answers fail on purpose); `options.port` 0 (the default) picks a free port, which port()
// then tells. Fails the test when the server cannot start.
template <typename AnyHandler>
std::unique_ptr<net::HttpServer> StartServer(AnyHandler handler,
                                             net::HttpServerOptions options = {}) {
  auto server = std::make_unique<net::HttpServer>(std::move(options), std::move(handler));
  Result<void> started = server->Start();
  EXPECT_TRUE(started.has_value()) << (started ? "" : started.error().message);
  EXPECT_NE(server->port(), 0);
  return server;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_HTTP_TEST_SERVER_H_
