// The cap on open connections: below the descriptor limit, shedding the connection idle longest
// to admit a new one, refusing a new one when none is idle, and counting each case.
#include "net/connection_cap.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/http_test_client.h"
#include "support/http_test_server.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using testing_support::Fetch;
using testing_support::StartServer;
using testing_support::TestHttpConnection;
using testing_support::TestResponse;
using testing_support::Text;

// Polls `done` for up to five seconds: the server admits and closes connections asynchronously.
bool WaitFor(const std::function<bool()>& done) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(milliseconds(5));
  }
  return true;
}

TEST(ConnectionCapTest, StaysBelowTheDescriptorLimitWithAReserve) {
  EXPECT_EQ(ConnectionCapFor(0, 1024), 768u);     // a reserve of 256
  EXPECT_EQ(ConnectionCapFor(0, 20000), 17500u);  // a reserve of an eighth
  EXPECT_EQ(ConnectionCapFor(100, 1024), 100u);
  EXPECT_EQ(ConnectionCapFor(5000, 1024), 768u);  // lowered
  EXPECT_EQ(ConnectionCapFor(0, 300), 150u);      // a tiny limit: half of it
  EXPECT_EQ(ConnectionCapFor(0, 0), 1u);
}

TEST(ConnectionCapTest, ResolveSaysWhenAConfiguredValueIsLowered) {
  ConnectionCap unchanged = ResolveConnectionCap(10);
  EXPECT_EQ(unchanged.value, 10u);
  EXPECT_FALSE(unchanged.lowered);
  ConnectionCap lowered = ResolveConnectionCap(std::size_t{1} << 40);
  EXPECT_TRUE(lowered.lowered);
  EXPECT_LT(lowered.value, lowered.descriptor_limit);
  EXPECT_NE(lowered.note.find("http.max_connections"), std::string::npos) << lowered.note;
  EXPECT_EQ(ResolveConnectionCap(0).value, ConnectionCapFor(0, lowered.descriptor_limit));
}

TEST(ConnectionCapTest, ANewClientIsAnsweredBySheddingTheLongestIdle) {
  HttpServerOptions options;
  options.max_connections = 3;
  auto server = StartServer(
      [](std::shared_ptr<Exchange> exchange) {
        exchange->Respond(Text(std::string(exchange->request().path)));
      },
      options);
  std::shared_ptr<const ConnectionCounters> counters = server->connection_counters();
  EXPECT_EQ(server->max_connections(), 3u);
  EXPECT_EQ(counters->max.load(), 3u);

  // Three idle connections fill the cap; the first also had a request answered before idling.
  std::vector<std::unique_ptr<TestHttpConnection>> idle;
  idle.push_back(std::make_unique<TestHttpConnection>(server->port()));
  ASSERT_EQ(idle[0]->Fetch("GET", "/first").body, "/first");
  for (int i = 1; i < 3; ++i) {
    idle.push_back(std::make_unique<TestHttpConnection>(server->port()));
    ASSERT_TRUE(WaitFor([&] { return counters->open.load() == static_cast<uint64_t>(i + 1); }));
  }
  std::this_thread::sleep_for(milliseconds(20));  // every one is waiting for a request

  TestResponse fresh = Fetch(server->port(), "GET", "/fresh");
  ASSERT_TRUE(fresh.ok()) << fresh.error;
  EXPECT_EQ(fresh.body, "/fresh");
  EXPECT_EQ(counters->shed.load(), 1u);
  EXPECT_EQ(counters->refused.load(), 0u);
  EXPECT_EQ(counters->accepted.load(), 4u);

  // The longest idle was shed: it is closed, not timed out; the others still serve.
  TestResponse shed = idle[0]->ReadResponse();
  EXPECT_FALSE(shed.ok());
  EXPECT_FALSE(shed.timed_out) << shed.error;
  TestResponse kept = idle[2]->Fetch("GET", "/kept");
  ASSERT_TRUE(kept.ok()) << kept.error;
  EXPECT_EQ(kept.body, "/kept");
  EXPECT_TRUE(WaitFor([&] { return counters->open.load() <= 3; }));
}

TEST(ConnectionCapTest, ANewClientIsRefusedWhenEveryConnectionIsBusy) {
  HttpServerOptions options;
  options.max_connections = 2;
  std::mutex mu;
  std::vector<std::shared_ptr<Exchange>> held;  // answered at the end of the test
  auto server = StartServer(
      [&](std::shared_ptr<Exchange> exchange) {
        if (exchange->request().path == "/hold") {
          std::lock_guard<std::mutex> lock(mu);
          held.push_back(std::move(exchange));
          return;
        }
        exchange->Respond(Text("ok"));
      },
      options);
  std::shared_ptr<const ConnectionCounters> counters = server->connection_counters();
  std::vector<std::unique_ptr<TestHttpConnection>> busy;
  for (int i = 0; i < 2; ++i) {
    busy.push_back(std::make_unique<TestHttpConnection>(server->port()));
    ASSERT_TRUE(busy.back()->WriteRaw("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n"));
  }
  ASSERT_TRUE(WaitFor([&] {
    std::lock_guard<std::mutex> lock(mu);
    return held.size() == 2;
  }));

  TestResponse refused = Fetch(server->port(), "GET", "/refused");
  EXPECT_NE(refused.status, 200);
  EXPECT_FALSE(refused.timed_out) << "a refused connection must be closed at once";
  if (refused.ok()) {  // the 503 arrived before the close
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.Header("Retry-After"), "1");
  }
  EXPECT_EQ(counters->refused.load(), 1u);
  EXPECT_EQ(counters->shed.load(), 0u);
  EXPECT_EQ(counters->accepted.load(), 2u);

  // The held requests are still answered, and then the server takes new clients again.
  {
    std::lock_guard<std::mutex> lock(mu);
    for (auto& exchange : held) exchange->Respond(Text("released"));
    held.clear();
  }
  for (auto& connection : busy) EXPECT_EQ(connection->ReadResponse().body, "released");
  TestResponse after = Fetch(server->port(), "GET", "/after");  // sheds an idle one
  ASSERT_TRUE(after.ok()) << after.error;
  EXPECT_EQ(after.body, "ok");
  EXPECT_EQ(counters->refused.load(), 1u);
}

}  // namespace
}  // namespace fareflow::net
