#include "net/http_server.h"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/http_test_client.h"
#include "support/http_test_server.h"
#include "support/joined_threads.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

using testing_support::Fetch;
using testing_support::StartServer;
using testing_support::TestHttpConnection;
using testing_support::TestResponse;
using testing_support::Text;

// Answers with the path, so tests can tell answers apart.
void EchoPath(std::shared_ptr<Exchange> exchange) {
  exchange->Respond(Text(std::string(exchange->request().path)));
}

using Threads = testing_support::JoinedThreads;

TEST(HttpServerTest, GetDecodesQueryAndPassesHeaders) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    const WireRequest& request = exchange->request();
    const std::string* a = request.Query("a");
    const std::string* b = request.Query("b");
    std::string seen = std::string(request.method) + "|" + std::string(request.path) + "|" +
                       (a ? *a : "-") + "|" + (b ? *b : "-") + "|" +
                       std::string(request.Header("x-fareflow-test"));
    WireResponse response = Text(seen);
    response.headers.emplace_back("X-Answer", "yes");
    exchange->Respond(std::move(response));
  });
  TestResponse response =
      Fetch(server->port(), "GET", "/v1/search?a=1+2&b=x%2Fy", "", {{"X-Fareflow-Test", "hello"}});
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET|/v1/search|1 2|x/y|hello");
  EXPECT_EQ(response.Header("Content-Type"), "text/plain");
  EXPECT_EQ(response.Header("x-answer"), "yes");
  EXPECT_EQ(response.Header("Server"), "fareflow");
  EXPECT_FALSE(response.Header("Date").empty());
  EXPECT_EQ(response.Header("Content-Length"), std::to_string(response.body.size()));
}

TEST(HttpServerTest, PostBodyReachesTheHandler) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text("got:" + std::string(exchange->request().body)));
  });
  TestResponse response =
      Fetch(server->port(), "POST", "/echo", R"({"x":1})", {{"Content-Type", "application/json"}});
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, R"(got:{"x":1})");
}

TEST(HttpServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  auto server = StartServer(EchoPath);
  TestHttpConnection connection(server->port());
  TestResponse first = connection.Fetch("GET", "/one");
  TestResponse second = connection.Fetch("GET", "/two");
  ASSERT_TRUE(first.ok()) << first.error;
  ASSERT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(first.body, "/one");
  EXPECT_EQ(second.body, "/two");
  EXPECT_NE(first.Header("Connection"), "close");
}

TEST(HttpServerTest, ConnectionCloseIsHonoured) {
  auto server = StartServer(EchoPath);
  TestHttpConnection connection(server->port());
  TestResponse first = connection.Fetch("GET", "/one", "", {{"Connection", "close"}});
  ASSERT_TRUE(first.ok()) << first.error;
  EXPECT_EQ(first.Header("Connection"), "close");
  TestResponse second = connection.Fetch("GET", "/two");
  EXPECT_FALSE(second.ok());
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  // The first answer comes late, from a timer; the second must still come second.
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    milliseconds delay(exchange->request().path == "/slow" ? 100 : 0);
    exchange->RespondLate(Text(std::string(exchange->request().path)), delay);
  }});
  TestHttpConnection connection(server->port());
  ASSERT_TRUE(connection.WriteRaw(
      "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestResponse first = connection.ReadResponse();
  TestResponse second = connection.ReadResponse();
  ASSERT_TRUE(first.ok()) << first.error;
  ASSERT_TRUE(second.ok()) << second.error;
  EXPECT_EQ(first.body, "/slow");
  EXPECT_EQ(second.body, "/fast");
}

TEST(HttpServerTest, HeadAnnouncesTheLengthWithoutABody) {
  auto server = StartServer([](std::shared_ptr<Exchange> e) { e->Respond(Text("twelve bytes")); });
  TestHttpConnection connection(server->port());
  TestResponse head = connection.Fetch("HEAD", "/");
  ASSERT_TRUE(head.ok()) << head.error;
  EXPECT_EQ(head.Header("Content-Length"), "12");
  EXPECT_EQ(head.body, "");
  TestResponse get = connection.Fetch("GET", "/");  // nothing stray was left on the wire
  ASSERT_TRUE(get.ok()) << get.error;
  EXPECT_EQ(get.body, "twelve bytes");
}

TEST(HttpServerTest, DelayedRespondFromATimer) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondLate(Text("late"), milliseconds(200));
  }});
  Clock::time_point start = Clock::now();
  TestResponse response = Fetch(server->port(), "GET", "/");
  milliseconds took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, "late");
  EXPECT_GE(took.count(), 200);
}

TEST(HttpServerTest, RespondFromAnotherThread) {
  Threads threads;
  auto server = StartServer([&threads](std::shared_ptr<Exchange> exchange) {
    threads.Run([exchange] {
      std::this_thread::sleep_for(milliseconds(200));
      exchange->Respond(Text("from a worker"));
    });
  });
  Clock::time_point start = Clock::now();
  TestResponse response = Fetch(server->port(), "GET", "/");
  milliseconds took = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, "from a worker");
  EXPECT_GE(took.count(), 200);
}

TEST(HttpServerTest, OnlyTheFirstAnswerCounts) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    exchange->Respond(Text("first"));
    exchange->Respond(Text("second"));
    exchange->Reset();
  }});
  TestHttpConnection connection(server->port());
  TestResponse one = connection.Fetch("GET", "/");
  TestResponse two = connection.Fetch("GET", "/");
  ASSERT_TRUE(one.ok()) << one.error;
  ASSERT_TRUE(two.ok()) << two.error;
  EXPECT_EQ(one.body, "first");
  EXPECT_EQ(two.body, "first");
}

TEST(HttpServerTest, GzipOnlyWhenAskedAndWorthIt) {
  std::string big;
  for (int i = 0; big.size() < 4000; ++i) big += "{\"offer\":" + std::to_string(i) + "},";
  auto server = StartServer([&big](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text(exchange->request().path == "/small" ? "tiny" : big));
  });
  uint16_t port = server->port();

  TestResponse gz = Fetch(port, "GET", "/big", "", {{"Accept-Encoding", "deflate, gzip;q=0.8"}});
  ASSERT_TRUE(gz.ok()) << gz.error;
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gz.Header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gz.body, big);
  EXPECT_LT(gz.raw_body.size(), big.size());

  TestResponse plain = Fetch(port, "GET", "/big");
  ASSERT_TRUE(plain.ok()) << plain.error;
  EXPECT_FALSE(plain.HasHeader("Content-Encoding"));
  EXPECT_EQ(plain.raw_body, big);

  TestResponse refused = Fetch(port, "GET", "/big", "", {{"Accept-Encoding", "gzip;q=0"}});
  ASSERT_TRUE(refused.ok()) << refused.error;
  EXPECT_FALSE(refused.HasHeader("Content-Encoding"));
  EXPECT_EQ(refused.raw_body, big);

  TestResponse small = Fetch(port, "GET", "/small", "", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(small.ok()) << small.error;
  EXPECT_FALSE(small.HasHeader("Content-Encoding"));
  EXPECT_EQ(small.raw_body, "tiny");
}

TEST(HttpServerTest, TruncatedResponseIsAClientError) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondTruncated(Text(std::string(1000, 'x')), 0.01);
  }});
  TestResponse response = Fetch(server->port(), "GET", "/");
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.error, "partial message");
}

TEST(HttpServerTest, ResetIsAClientError) {
  auto server = StartServer(FaultHandler{
      [](std::shared_ptr<FaultExchange> exchange) { exchange->Reset(milliseconds(20)); }});
  TestResponse response = Fetch(server->port(), "GET", "/");
  EXPECT_EQ(response.status, 0);
  EXPECT_NE(response.error.find("reset"), std::string::npos) << response.error;
}

TEST(HttpServerTest, HangMakesTheClientTimeOut) {
  auto server =
      StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) { exchange->Hang(); }});
  Clock::time_point start = Clock::now();
  TestResponse response = Fetch(server->port(), "GET", "/", "", {}, milliseconds(300));
  EXPECT_TRUE(response.timed_out) << response.error;
  EXPECT_GE(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count(), 300);
  server->Stop(milliseconds(2'000));  // a hung connection does not hold the stop
}

TEST(HttpServerTest, DroppedExchangeClosesTheConnection) {
  auto server = StartServer([](std::shared_ptr<Exchange>) {});
  TestResponse response = Fetch(server->port(), "GET", "/", "", {}, milliseconds(10'000));
  EXPECT_FALSE(response.ok());
  EXPECT_FALSE(response.timed_out) << response.error;
}

TEST(HttpServerTest, BodyOverTheLimitGets413) {
  HttpServerOptions options;
  options.body_limit = 1024;
  std::atomic<int> handled{0};
  auto server = StartServer(
      [&handled](std::shared_ptr<Exchange> exchange) {
        ++handled;
        EchoPath(std::move(exchange));
      },
      options);
  TestResponse response = Fetch(server->port(), "POST", "/", std::string(64 * 1024, 'b'));
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 413);
  EXPECT_NE(response.body.find("\"code\":\"body_too_large\""), std::string::npos) << response.body;
  EXPECT_EQ(response.Header("Connection"), "close");
  EXPECT_EQ(handled.load(), 0);
  TestResponse fits = Fetch(server->port(), "POST", "/fits", std::string(1024, 'b'));
  ASSERT_TRUE(fits.ok()) << fits.error;
  EXPECT_EQ(fits.status, 200);
}

TEST(HttpServerTest, HugeHeadersGet431) {
  HttpServerOptions options;
  options.header_limit = 1024;
  auto server = StartServer(EchoPath, options);
  TestResponse response =
      Fetch(server->port(), "GET", "/", "", {{"X-Padding", std::string(8 * 1024, 'h')}});
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 431);
  EXPECT_NE(response.body.find("\"code\":\"headers_too_large\""), std::string::npos);
}

TEST(HttpServerTest, GarbageGets400) {
  auto server = StartServer(EchoPath);
  TestHttpConnection connection(server->port());
  ASSERT_TRUE(connection.WriteRaw("THIS IS NOT HTTP\r\n\r\n"));
  TestResponse response = connection.ReadResponse();
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.Header("Content-Type"), "application/json");
  EXPECT_NE(response.body.find("{\"error\":{\"code\":\"bad_request\",\"message\":"),
            std::string::npos)
      << response.body;
}

TEST(HttpServerTest, ThrowingHandlerGets500AndTheServerKeepsServing) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    if (exchange->request().path == "/throw") throw std::runtime_error("boom");
    EchoPath(std::move(exchange));
  });
  TestHttpConnection connection(server->port());
  TestResponse failed = connection.Fetch("GET", "/throw");
  ASSERT_TRUE(failed.ok()) << failed.error;
  EXPECT_EQ(failed.status, 500);
  EXPECT_NE(failed.body.find("\"code\":\"internal\""), std::string::npos);
  TestResponse next = connection.Fetch("GET", "/next");
  ASSERT_TRUE(next.ok()) << next.error;
  EXPECT_EQ(next.body, "/next");
}

TEST(HttpServerTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  HttpServerOptions options;
  options.idle_timeout = milliseconds(200);
  auto server = StartServer(EchoPath, options);
  TestHttpConnection connection(server->port(), milliseconds(10'000));
  TestResponse response = connection.ReadResponse();  // the server closes first: no timeout
  EXPECT_FALSE(response.ok());
  EXPECT_FALSE(response.timed_out) << response.error;
}

TEST(HttpServerTest, SlowRequestIsClosedAfterTheReadTimeout) {
  HttpServerOptions options;
  options.read_timeout = milliseconds(200);
  auto server = StartServer(EchoPath, options);
  TestHttpConnection connection(server->port(), milliseconds(10'000));
  ASSERT_TRUE(connection.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\n"));  // never finished
  TestResponse response = connection.ReadResponse();
  EXPECT_FALSE(response.ok());
  EXPECT_FALSE(response.timed_out) << response.error;
}

TEST(HttpServerTest, StopDrainsAnInFlightDelayedAnswer) {
  std::promise<void> dispatched;
  auto server = StartServer(FaultHandler{[&dispatched](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondLate(Text("drained"), milliseconds(200));
    dispatched.set_value();
  }});
  uint16_t port = server->port();
  std::future<TestResponse> response = std::async(
      std::launch::async, [port] { return Fetch(port, "GET", "/", "", {}, milliseconds(10'000)); });
  dispatched.get_future().wait();
  server->Stop(milliseconds(2'000));
  TestResponse answer = response.get();
  ASSERT_TRUE(answer.ok()) << answer.error;
  EXPECT_EQ(answer.body, "drained");
  EXPECT_EQ(answer.Header("Connection"), "close");
  EXPECT_FALSE(Fetch(port, "GET", "/", "", {}, milliseconds(2'000)).ok());  // no longer listening
  server->Stop();                                                           // idempotent
}

TEST(HttpServerTest, ExchangeOutlivingTheServerIsHarmless) {
  std::shared_ptr<Exchange> kept;
  std::promise<void> dispatched;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    kept = std::move(exchange);
    dispatched.set_value();
  });
  uint16_t port = server->port();
  std::future<TestResponse> response = std::async(std::launch::async, [port] {
    return Fetch(port, "GET", "/kept?q=1", "", {}, milliseconds(10'000));
  });
  dispatched.get_future().wait();
  server->Stop(milliseconds(0));
  EXPECT_FALSE(response.get().ok());
  server.reset();
  EXPECT_EQ(kept->request().path, "/kept");  // the request lives as long as the exchange
  kept->Respond(Text("too late"));           // does nothing
  kept.reset();
}

TEST(HttpServerTest, SecondServerOnTheSamePortFailsToStart) {
  auto server = StartServer(EchoPath);
  HttpServerOptions options;
  options.port = server->port();
  HttpServer second(options, EchoPath);
  Result<void> started = second.Start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, ErrorCode::kIo);
}

TEST(HttpServerTest, WaitForSignalReturnsWhenStoppedElsewhere) {
  auto server = StartServer(EchoPath);
  std::thread waiter([&server] { server->WaitForSignal(); });
  ASSERT_TRUE(Fetch(server->port(), "GET", "/").ok());
  server->Stop(milliseconds(1'000));
  waiter.join();
}

TEST(HttpServerTest, ManyConcurrentClientsAreAllAnswered) {
  HttpServerOptions options;
  options.threads = 2;
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) {
        const std::string* n = exchange->request().Query("n");
        exchange->Respond(Text(n ? *n : "?"));
      },
      options);
  uint16_t port = server->port();
  constexpr int kClients = 50;
  constexpr int kRequests = 20;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([c, port, &answered] {
      // Half the clients keep one connection; the others connect per request.
      std::unique_ptr<TestHttpConnection> kept;
      if (c % 2 == 0) kept = std::make_unique<TestHttpConnection>(port, milliseconds(20'000));
      for (int r = 0; r < kRequests; ++r) {
        std::string n = std::to_string(c * 1000 + r);
        TestResponse response = kept
                                    ? kept->Fetch("GET", "/n?n=" + n)
                                    : Fetch(port, "GET", "/n?n=" + n, "", {}, milliseconds(20'000));
        if (response.ok() && response.status == 200 && response.body == n) ++answered;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(answered.load(), kClients * kRequests);
}

}  // namespace
}  // namespace fareflow::net
