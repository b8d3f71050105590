#include "net/http_client.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "net/http_server.h"
#include "net/scripted_peer.h"
#include "support/http_test_server.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

using testing_support::StartServer;
using testing_support::Text;

std::string Local(uint16_t port, std::string_view target) {
  return "http://127.0.0.1:" + std::to_string(port) + std::string(target);
}

ClientRequest Get(std::string url) {
  ClientRequest request;
  request.url = std::move(url);
  return request;
}

ClientRequest GetWithin(std::string url, milliseconds timeout) {
  ClientRequest request = Get(std::move(url));
  request.deadline = Clock::now() + timeout;
  return request;
}

// A loopback port nothing listens on: bound, then released.
uint16_t ClosedPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

// Collects the outcomes of asynchronous Sends and counts how often each callback ran.
class Outcomes {
 public:
  explicit Outcomes(std::size_t count) : results_(count), calls_(count, 0) {}

  ClientCallback Slot(std::size_t index) {
    return [this, index](Result<ClientResponse> result) {
      std::lock_guard<std::mutex> lock(mu_);
      ++calls_[index];
      results_[index] = std::move(result);
      ++done_;
      changed_.notify_all();
    };
  }

  // True when every slot has been called within `limit`.
  bool WaitAll(std::chrono::seconds limit = std::chrono::seconds(20)) {
    std::unique_lock<std::mutex> lock(mu_);
    return changed_.wait_for(lock, limit, [&] { return done_ >= results_.size(); });
  }

  const Result<ClientResponse>& result(std::size_t index) const { return *results_[index]; }
  int calls(std::size_t index) const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_[index];
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::optional<Result<ClientResponse>>> results_;
  std::vector<int> calls_;
  std::size_t done_ = 0;
};

std::string ErrorText(const Result<ClientResponse>& result) {
  return result ? "ok" : result.error().message;
}

TEST(HttpClientTest, GetSendsHeadersAndReadsTheAnswer) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    const WireRequest& request = exchange->request();
    const std::string* a = request.Query("a");
    WireResponse response =
        Text(std::string(request.method) + "|" + std::string(request.path) + "|" + (a ? *a : "-") +
             "|" + std::string(request.Header("X-Trace")) + "|" +
             std::string(request.Header("User-Agent")) + "|" + std::string(request.Header("Host")));
    response.headers.emplace_back("X-Answer", "yes");
    exchange->Respond(std::move(response));
  });
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/v1/search?a=1"));
  request.headers.emplace_back("X-Trace", "abc");
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body,
            "GET|/v1/search|1|abc|fareflow|127.0.0.1:" + std::to_string(server->port()));
  EXPECT_EQ(response->Header("x-answer"), "yes");
  EXPECT_EQ(response->Header("Content-Type"), "text/plain");
  EXPECT_EQ(response->Header("X-Absent"), "");
  EXPECT_EQ(response->wire_bytes, response->body.size());
}

TEST(HttpClientTest, PostSendsTheBody) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    const WireRequest& request = exchange->request();
    exchange->Respond(Text(std::string(request.method) + "|" +
                               std::string(request.Header("Content-Type")) + "|" +
                               std::string(request.body),
                           201));
  });
  HttpClient client;
  ClientRequest request;
  request.method = "POST";
  request.url = Local(server->port(), "/v1/orders");
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = R"({"offer":"x"})";
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->body, R"(POST|application/json|{"offer":"x"})");
}

TEST(HttpClientTest, EmptyPostCarriesContentLength) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text(std::string(exchange->request().Header("Content-Length"))));
  });
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.method = "POST";
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "0");
}

TEST(HttpClientTest, HeadReadsNoBody) {
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text(std::string(100, 'h'))); });
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.method = "HEAD";
  Result<ClientResponse> first = client.Fetch(request);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "");
  // The connection stays usable: the announced length was not waited for.
  Result<ClientResponse> second = client.Fetch(Get(Local(server->port(), "/")));
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->body, std::string(100, 'h'));
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpClientTest, GzipAnswerIsDecoded) {
  std::string big;
  for (int i = 0; i < 200; ++i) big += "offer " + std::to_string(i) + " LHR-JFK;";
  auto server =
      StartServer([&big](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text(big)); });
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), "/")));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->Header("Content-Encoding"), "gzip");
  EXPECT_EQ(response->body, big);
  EXPECT_LT(response->wire_bytes, response->body.size());
}

TEST(HttpClientTest, WithoutAcceptGzipTheAnswerIsPlain) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(
        Text(std::string(5000, 'p') + std::string(exchange->request().Header("Accept-Encoding"))));
  });
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.accept_gzip = false;
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->Header("Content-Encoding"), "");
  EXPECT_EQ(response->body, std::string(5000, 'p'));
  EXPECT_EQ(response->wire_bytes, 5000u);
}

TEST(HttpClientTest, ErrorStatusIsAnAnswer) {
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("no such offer", 404)); });
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), "/offers/9")));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "no such offer");
}

TEST(HttpClientTest, KeepAliveReusesOneConnection) {
  std::atomic<int> requests{0};
  auto server = StartServer([&requests](std::shared_ptr<Exchange> exchange) {
    ++requests;
    exchange->Respond(Text(std::string(exchange->request().path)));
  });
  HttpClient client;
  for (int i = 0; i < 5; ++i) {
    std::string path = "/r" + std::to_string(i);
    Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), path)));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, path);
  }
  EXPECT_EQ(requests.load(), 5);
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(HttpClientTest, ConnectionCloseIsNotPooled) {
  auto server =
      StartServer([](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("bye")); });
  HttpClient client;
  for (int i = 0; i < 2; ++i) {
    ClientRequest request = Get(Local(server->port(), "/"));
    request.headers.emplace_back("Connection", "close");
    Result<ClientResponse> response = client.Fetch(request);
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->Header("Connection"), "close");
  }
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(HttpClientTest, NoPoolWhenMaxIdleIsZero) {
  auto server =
      StartServer([](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("x")); });
  HttpClientOptions options;
  options.max_idle_per_host = 0;
  HttpClient client(options);
  ASSERT_TRUE(client.Fetch(Get(Local(server->port(), "/"))));
  ASSERT_TRUE(client.Fetch(Get(Local(server->port(), "/"))));
  EXPECT_EQ(client.connections_opened(), 2u);
}

// The server drops idle keep-alive connections after 30 ms; whether the client notices before
// reusing (peek) or after (a failure before any answer byte, then a retry), the request succeeds.
TEST(HttpClientTest, ConnectionClosedByTheServerWhileIdleIsNotAnError) {
  HttpServerOptions options;
  options.idle_timeout = milliseconds(30);
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("fresh")); }, options);
  HttpClient client;
  ASSERT_TRUE(client.Fetch(Get(Local(server->port(), "/"))));
  std::this_thread::sleep_for(milliseconds(300));
  Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), "/")));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "fresh");
}

// A pooled connection that fails before any byte of the answer is retried once, on a fresh
// connection.
TEST(HttpClientTest, ResetOnPooledConnectionIsRetriedOnce) {
  std::atomic<int> requests{0};
  auto server = StartServer(FaultHandler{[&requests](std::shared_ptr<FaultExchange> exchange) {
    if (++requests == 2) return exchange->Reset();
    exchange->Respond(Text("answer " + std::to_string(requests.load())));
  }});
  HttpClient client;
  ASSERT_TRUE(client.Fetch(Get(Local(server->port(), "/"))));
  Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), "/")));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "answer 3");
  EXPECT_EQ(requests.load(), 3);
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(HttpClientTest, ResetOnFreshConnectionIsAnIoError) {
  std::atomic<int> requests{0};
  auto server = StartServer(FaultHandler{[&requests](std::shared_ptr<FaultExchange> exchange) {
    ++requests;
    exchange->Reset();
  }});
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), "/")));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kIo) << response.error().message;
  EXPECT_EQ(requests.load(), 1);  // never retried: the connection was not a pooled one
}

TEST(HttpClientTest, TruncatedAnswerIsAnIoError) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondTruncated(Text(std::string(1000, 'x')), 0.01);
  }});
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.accept_gzip = false;
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kIo) << response.error().message;
}

// The cut is of the bytes sent: a gzipped answer (what suppliers are asked for) is cut in its
// compressed bytes, and the client sees a truncated answer, not a short body that inflates.
TEST(HttpClientTest, TruncatedGzippedAnswerIsAnIoError) {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "{\"offer\":" + std::to_string(i) + "},";
  auto server = StartServer(FaultHandler{[&body](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondTruncated(Text(body), 0.5);
  }});
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.accept_gzip = true;
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kIo) << response.error().message;
  EXPECT_NE(response.error().message.find("truncated answer"), std::string::npos)
      << response.error().message;
}

TEST(HttpClientTest, HangingServerTimesOut) {
  auto server =
      StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) { exchange->Hang(); }});
  HttpClient client;
  Result<ClientResponse> response =
      client.Fetch(GetWithin(Local(server->port(), "/"), milliseconds(200)));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout) << response.error().message;
}

TEST(HttpClientTest, DeadlineAlreadyPassedTimesOut) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    exchange->RespondLate(Text("late"), milliseconds(500));
  }});
  HttpClient client;
  ClientRequest request = Get(Local(server->port(), "/"));
  request.deadline = Clock::now() - milliseconds(1);
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTimeout);
}

// Hanging exchanges time out without holding up the others on the same event loop.
TEST(HttpClientTest, ConcurrentExchangesWhereSomeHang) {
  auto server = StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) {
    if (exchange->request().path.starts_with("/hang")) return exchange->Hang();
    exchange->RespondLate(Text(std::string(exchange->request().path)), milliseconds(20));
  }});
  HttpClient client;
  constexpr std::size_t kCount = 24;
  Outcomes outcomes(kCount);
  for (std::size_t i = 0; i < kCount; ++i) {
    bool hang = i % 3 == 0;
    std::string path = (hang ? "/hang" : "/ok") + std::to_string(i);
    ClientRequest request = hang ? GetWithin(Local(server->port(), path), milliseconds(200))
                                 : Get(Local(server->port(), path));
    client.Send(std::move(request), outcomes.Slot(i));
  }
  ASSERT_TRUE(outcomes.WaitAll());
  for (std::size_t i = 0; i < kCount; ++i) {
    const Result<ClientResponse>& result = outcomes.result(i);
    EXPECT_EQ(outcomes.calls(i), 1);
    if (i % 3 == 0) {
      ASSERT_FALSE(result) << i;
      EXPECT_EQ(result.error().code, ErrorCode::kTimeout) << i;
    } else {
      ASSERT_TRUE(result) << i << ": " << ErrorText(result);
      EXPECT_EQ(result->body, "/ok" + std::to_string(i));
    }
  }
}

TEST(HttpClientTest, SendFromManyThreads) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text(std::string(exchange->request().path)));
  });
  HttpClient client;
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string path = "/t" + std::to_string(t) + "/" + std::to_string(i);
        Result<ClientResponse> response = client.Fetch(Get(Local(server->port(), path)));
        if (response && response->body == path) ++good;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 40);
  EXPECT_LE(client.connections_opened(), 8u);  // reused: at most a few at a time
}

TEST(HttpClientTest, CallbackMaySendAgain) {
  auto server = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text(std::string(exchange->request().path)));
  });
  HttpClient client;
  Outcomes outcomes(1);
  std::string second_url = Local(server->port(), "/second");
  client.Send(Get(Local(server->port(), "/first")),
              [&client, &outcomes, second_url](Result<ClientResponse> first) {
                ASSERT_TRUE(first);
                client.Send(Get(second_url), outcomes.Slot(0));
              });
  ASSERT_TRUE(outcomes.WaitAll());
  ASSERT_TRUE(outcomes.result(0)) << ErrorText(outcomes.result(0));
  EXPECT_EQ(outcomes.result(0)->body, "/second");
}

TEST(HttpClientTest, ConnectionRefusedIsUnavailable) {
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(ClosedPort(), "/")));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable) << response.error().message;
}

TEST(HttpClientTest, UnknownHostIsUnavailable) {
  HttpClient client;
  Result<ClientResponse> response =
      client.Fetch(GetWithin("http://no-such-host.invalid/", milliseconds(5000)));
  ASSERT_FALSE(response);
  // Without DNS the resolver may also just take too long.
  EXPECT_TRUE(response.error().code == ErrorCode::kUnavailable ||
              response.error().code == ErrorCode::kTimeout)
      << response.error().message;
}

TEST(HttpClientTest, BadUrlIsInvalidArgument) {
  HttpClient client;
  for (std::string url :
       {"ftp://example.com/", "not a url", "http://", "http://h:99999/", "http://user@host/"}) {
    Result<ClientResponse> response = client.Fetch(Get(url));
    ASSERT_FALSE(response) << url;
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << url;
  }
}

TEST(HttpClientTest, HeaderThatWouldForgeLinesIsInvalidArgument) {
  HttpClient client;
  ClientRequest request = Get("http://127.0.0.1:1/");
  request.headers.emplace_back("X-Evil", "a\r\nHost: elsewhere");
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);

  ClientRequest bad_method = Get("http://127.0.0.1:1/");
  bad_method.method = "GET /x";
  response = client.Fetch(bad_method);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument);
}

TEST(HttpClientTest, OversizedRequestHeaderIsInvalidArgument) {
  HttpClient client;
  ClientRequest request = Get("http://127.0.0.1:1/");
  request.headers.emplace_back("X-Huge", std::string(70 * 1024, 'v'));
  Result<ClientResponse> response = client.Fetch(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << response.error().message;
}

TEST(HttpClientTest, FetchFromACallbackFailsInsteadOfDeadlocking) {
  auto server =
      StartServer([](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("x")); });
  HttpClient client;
  Outcomes outcomes(1);
  std::string url = Local(server->port(), "/");
  client.Send(Get(url), [&client, &outcomes, url](Result<ClientResponse>) {
    outcomes.Slot(0)(client.Fetch(Get(url)));
  });
  ASSERT_TRUE(outcomes.WaitAll());
  ASSERT_FALSE(outcomes.result(0));
  EXPECT_EQ(outcomes.result(0).error().code, ErrorCode::kInternal);
}

TEST(HttpClientTest, BodyOverTheLimitIsMalformed) {
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text(std::string(5000, 'b'))); });
  HttpClientOptions options;
  options.max_body = 1000;
  HttpClient client(options);
  for (bool gzip : {false, true}) {  // announced length, then the decoded size of a small wire body
    ClientRequest request = Get(Local(server->port(), "/"));
    request.accept_gzip = gzip;
    Result<ClientResponse> response = client.Fetch(request);
    ASSERT_FALSE(response) << gzip;
    EXPECT_EQ(response.error().code, ErrorCode::kMalformed) << gzip;
    EXPECT_NE(response.error().message.find("body too large"), std::string::npos)
        << response.error().message;
  }
}

TEST(HttpClientTest, DestroyingTheClientEndsEveryExchangeOnce) {
  auto server =
      StartServer(FaultHandler{[](std::shared_ptr<FaultExchange> exchange) { exchange->Hang(); }});
  constexpr std::size_t kCount = 12;
  Outcomes outcomes(kCount);
  {
    HttpClient client;
    for (std::size_t i = 0; i < kCount; ++i) {
      client.Send(Get(Local(server->port(), "/" + std::to_string(i))), outcomes.Slot(i));
    }
    std::this_thread::sleep_for(milliseconds(100));  // let some connect; others may not have
  }
  ASSERT_TRUE(outcomes.WaitAll(std::chrono::seconds(0)));  // all ran before the destructor returned
  for (std::size_t i = 0; i < kCount; ++i) {
    EXPECT_EQ(outcomes.calls(i), 1);
    ASSERT_FALSE(outcomes.result(i));
    EXPECT_EQ(outcomes.result(i).error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(outcomes.result(i).error().message, "client stopped");
  }
}

TEST(HttpClientTest, DestroyingAnIdleClientWithPooledConnections) {
  auto server =
      StartServer([](std::shared_ptr<Exchange> exchange) { exchange->Respond(Text("x")); });
  auto client = std::make_unique<HttpClient>();
  ASSERT_TRUE(client->Fetch(Get(Local(server->port(), "/"))));
  client.reset();  // closes the pooled connection; nothing to assert beyond a clean exit
}

// Answers net::HttpServer cannot give on purpose.

// An answer the client must refuse as kMalformed, never crash on or wait for.
struct MalformedAnswer {
  const char* name;
  std::string answer;
  bool close_after_answer = true;
};

class MalformedAnswerTest : public testing::TestWithParam<MalformedAnswer> {};

TEST_P(MalformedAnswerTest, IsMalformed) {
  ScriptedPeer peer(
      {.answer = GetParam().answer, .close_after_answer = GetParam().close_after_answer});
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(peer.port(), "/")));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kMalformed) << response.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    HttpClientTest, MalformedAnswerTest,
    testing::Values(MalformedAnswer{"GarbageAnswer", "SMTP ready\r\n\r\n"},
                    MalformedAnswer{"BadGzip",
                                    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                                    "8\r\n\r\nnot gzip"},
                    MalformedAnswer{"HugeHeaders",
                                    "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70 * 1024, 'h') +
                                        "\r\nContent-Length: 0\r\n\r\n"},
                    // Announces 1 TiB and sends nothing: the limit applies to the announced length.
                    MalformedAnswer{"AnnouncedHugeBody",
                                    "HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n",
                                    /*close_after_answer=*/false}),
    [](const testing::TestParamInfo<MalformedAnswer>& info) { return info.param.name; });

// The longest field value that fits the 64 KiB header limit: Beast stores field lengths in
// 16 bits and throws past them, which must never happen inside a read.
TEST(HttpClientTest, LongestHeaderValueIsReadOrRefusedWithoutThrowing) {
  for (std::size_t length : {65400u, 65500u, 65510u, 65520u, 65533u, 65534u, 65600u}) {
    ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\nX: " + std::string(length, 'v') +
                                 "\r\nContent-Length: 0\r\n\r\n"});
    HttpClient client;
    Result<ClientResponse> response = client.Fetch(Get(Local(peer.port(), "/")));
    if (response) {
      EXPECT_EQ(response->Header("X").size(), length);
    } else {
      EXPECT_EQ(response.error().code, ErrorCode::kMalformed) << response.error().message;
    }
  }
}

TEST(HttpClientTest, BodyUntilCloseIsReadAndNotPooled) {
  ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil eof"});
  HttpClient client;
  for (int i = 0; i < 2; ++i) {
    Result<ClientResponse> response = client.Fetch(Get(Local(peer.port(), "/")));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "until eof");
  }
  EXPECT_EQ(peer.connections(), 2);
}

TEST(HttpClientTest, InterimAnswerIsSkipped) {
  ScriptedPeer peer({.answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: "
                               "5\r\n\r\nfinal",
                     .close_after_answer = false});
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(Local(peer.port(), "/")));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "final");
}

// Answers on a connection that stays open but must not be used again: each fetch opens its own.
struct UnpoolableAnswer {
  const char* name;
  const char* answer;
};

class UnpoolableAnswerTest : public testing::TestWithParam<UnpoolableAnswer> {};

TEST_P(UnpoolableAnswerTest, IsReadAndNotPooled) {
  ScriptedPeer peer({.answer = GetParam().answer, .close_after_answer = false});
  HttpClient client;
  for (int i = 0; i < 2; ++i) {
    Result<ClientResponse> response = client.Fetch(Get(Local(peer.port(), "/")));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->body, "ok");
  }
  EXPECT_EQ(client.connections_opened(), 2u);
}

INSTANTIATE_TEST_SUITE_P(
    HttpClientTest, UnpoolableAnswerTest,
    testing::Values(
        // HTTP/1.0 keeps nothing alive, whatever its Connection header says.
        UnpoolableAnswer{
            "Http10", "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"},
        // Bytes past the announced body: the connection's state is unknown.
        UnpoolableAnswer{"ExtraBytesAfterTheAnswer",
                         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"}),
    [](const testing::TestParamInfo<UnpoolableAnswer>& info) { return info.param.name; });

}  // namespace
}  // namespace fareflow::net
