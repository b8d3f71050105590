// Exchange::RespondThen: the work after an answer runs once the client can read the whole answer,
// on the io thread, and exactly once on every path where the answer is never written, told which
// (Delivery), so that only answers that were sent are logged.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "net/after_sent.h"
#include "net/http_server.h"
#include "support/http_test_client.h"
#include "support/http_test_server.h"

namespace fareflow::net {
namespace {

// How long a test waits for something that must happen; a safety net, not a measurement.
constexpr std::chrono::seconds kPatience{30};

using testing_support::Fetch;
using testing_support::StartServer;
using testing_support::TestHttpConnection;
using testing_support::TestResponse;
using testing_support::Text;

// A plain blocking loopback socket, so that the test can look at what has arrived without
// reading it (MSG_PEEK) from inside the server's callback.
class RawClient {
 public:
  explicit RawClient(uint16_t port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;
  ~RawClient() { Close(); }

  bool connected() const { return connected_; }
  bool Send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // What has arrived and not been read yet, without waiting and without consuming it.
  std::string PeekArrived() const {
    std::string out(64 * 1024, '\0');
    const ssize_t n = ::recv(fd_, out.data(), out.size(), MSG_PEEK | MSG_DONTWAIT);
    out.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return out;
  }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
  bool connected_ = false;
};

TEST(RespondThenTest, WorkRunsOnTheIoThreadOnceTheWholeAnswerIsReadable) {
  const std::string body(3000, 'x');
  std::unique_ptr<RawClient> client;
  std::promise<std::string> arrived_before_work;
  std::atomic<int> runs{0};
  std::thread::id handler_thread, work_thread;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    handler_thread = std::this_thread::get_id();
    exchange->RespondThen(Text(body), [&] {
      work_thread = std::this_thread::get_id();
      if (runs.fetch_add(1) == 0) arrived_before_work.set_value(client->PeekArrived());
    });
  });
  client = std::make_unique<RawClient>(server->port());
  ASSERT_TRUE(client->connected());
  ASSERT_TRUE(client->Send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n"));

  std::future<std::string> arrived = arrived_before_work.get_future();
  ASSERT_EQ(arrived.wait_for(kPatience), std::future_status::ready);
  const std::string seen = arrived.get();
  // Everything, headers and the whole body, was readable by the client before the work began.
  const std::size_t header_end = seen.find("\r\n\r\n");
  ASSERT_NE(header_end, std::string::npos) << seen;
  EXPECT_NE(seen.find("Content-Length: 3000"), std::string::npos) << seen;
  EXPECT_EQ(seen.substr(header_end + 4), body);
  EXPECT_EQ(work_thread, handler_thread);  // one io thread: the work ran on it
  server->Stop();
  EXPECT_EQ(runs.load(), 1);
}

TEST(RespondThenTest, KeepAliveGoesOnAfterTheWork) {
  std::atomic<int> runs{0};
  std::atomic<int> sent{0};
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    exchange->RespondThen(Text(std::string(exchange->request().path)), [&](Delivery delivery) {
      ++runs;
      if (delivery == Delivery::kSent) ++sent;
    });
  });
  TestHttpConnection connection(server->port());
  EXPECT_EQ(connection.Fetch("GET", "/one").body, "/one");
  EXPECT_EQ(connection.Fetch("GET", "/two").body, "/two");
  server->Stop();
  EXPECT_EQ(runs.load(), 2);
  EXPECT_EQ(sent.load(), 2);
}

TEST(RespondThenTest, ASecondAnswerIsIgnoredButItsWorkRunsAtOnce) {
  std::atomic<int> runs{0};
  std::atomic<int> runs_right_after_call{-1};
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text("first"));
    exchange->RespondThen(Text("second"), [&] { ++runs; });
    runs_right_after_call = runs.load();
  });
  TestResponse response = Fetch(server->port(), "GET", "/");
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, "first");
  server->Stop();
  EXPECT_EQ(runs_right_after_call.load(), 1);
  EXPECT_EQ(runs.load(), 1);
}

TEST(RespondThenTest, WorkRunsOnceWhenTheServerStoppedBeforeTheAnswer) {
  std::promise<std::shared_ptr<Exchange>> held;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) { held.set_value(exchange); });
  std::thread client([port = server->port()] {
    TestResponse r = Fetch(port, "GET", "/", "", {}, std::chrono::seconds(30));
    EXPECT_FALSE(r.ok());
  });
  std::future<std::shared_ptr<Exchange>> future = held.get_future();
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  std::shared_ptr<Exchange> exchange = future.get();
  server->Stop(std::chrono::milliseconds(0));
  int runs = 0;
  exchange->RespondThen(Text("too late"), [&](Delivery delivery) {
    ++runs;
    EXPECT_EQ(delivery, Delivery::kDropped);
  });
  EXPECT_EQ(runs, 1);
  exchange.reset();
  server.reset();
  client.join();
  EXPECT_EQ(runs, 1);
}

TEST(RespondThenTest, WorkRunsOnceWhenTheWriteFails) {
  std::promise<std::shared_ptr<Exchange>> held;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) { held.set_value(exchange); });
  RawClient client(server->port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.Send("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
  std::future<std::shared_ptr<Exchange>> future = held.get_future();
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  client.Close();  // the peer is gone: an answer larger than any socket buffer cannot be written

  std::atomic<int> runs{0};
  std::promise<void> ran;
  std::atomic<bool> dropped{false};
  future.get()->RespondThen(Text(std::string(64 << 20, 'y')), [&](Delivery delivery) {
    dropped = delivery == Delivery::kDropped;
    if (runs.fetch_add(1) == 0) ran.set_value();
  });
  ASSERT_EQ(ran.get_future().wait_for(kPatience), std::future_status::ready);
  server->Stop();
  EXPECT_EQ(runs.load(), 1);
  EXPECT_TRUE(dropped.load()) << "an answer whose write failed was not sent";
}

TEST(AfterSentTest, RunsOnceWhetherRunOrDropped) {
  int runs = 0;
  {
    AfterSent work([&] { ++runs; });
    work.Run();
    work.Run();
  }
  EXPECT_EQ(runs, 1);
  {
    AfterSent dropped([&] { ++runs; });
    AfterSent moved = std::move(dropped);
  }
  EXPECT_EQ(runs, 2);
  {
    AfterSent replaced([&] { ++runs; });
    replaced = AfterSent([&] { runs += 10; });
    EXPECT_EQ(runs, 3);
  }
  EXPECT_EQ(runs, 13);
}

TEST(AfterSentTest, TellsTheWorkWhetherTheAnswerWasSent) {
  std::vector<Delivery> seen;
  auto note = [&](Delivery delivery) { seen.push_back(delivery); };
  AfterSent(note).Run();
  AfterSent(note).Drop();
  { AfterSent destroyed(note); }
  {
    AfterSent replaced(note);
    replaced = AfterSent(nullptr);
  }
  EXPECT_EQ(seen, (std::vector<Delivery>{Delivery::kSent, Delivery::kDropped, Delivery::kDropped,
                                         Delivery::kDropped}));
}

}  // namespace
}  // namespace fareflow::net
