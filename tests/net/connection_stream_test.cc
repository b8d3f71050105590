// Streamed answers (Exchange::StartStream) over real loopback HTTP, read by a raw client.

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "net/http_server.h"
#include "support/http_test_client.h"
#include "support/http_test_server.h"
#include "support/joined_threads.h"
#include "support/stream_test_client.h"

namespace fareflow::net {
namespace {

using std::chrono::milliseconds;
using testing_support::StartServer;
using testing_support::StreamTestClient;
using testing_support::Text;
using Read = StreamTestClient::Read;

WireResponse EventStreamHead() {
  WireResponse head;
  head.status = 200;
  head.content_type = "text/event-stream";
  head.headers.emplace_back("Cache-Control", "no-store");
  return head;
}

using Threads = testing_support::JoinedThreads;

// A handler that starts a stream and hands it to the test.
struct StreamCatcher {
  std::promise<std::shared_ptr<ResponseStream>> started;
  std::shared_future<std::shared_ptr<ResponseStream>> stream = started.get_future().share();

  Handler handler() {
    return [this](std::shared_ptr<Exchange> exchange) {
      if (exchange->request().path != "/stream") return exchange->Respond(Text("plain"));
      started.set_value(exchange->StartStream(EventStreamHead()));
    };
  }
  std::shared_ptr<ResponseStream> Get() {
    if (stream.wait_for(std::chrono::seconds(10)) != std::future_status::ready) return nullptr;
    return stream.get();
  }
};

TEST(ConnectionStreamTest, PartsArriveInOrderBeforeTheEndThenTheConnectionServesTheNext) {
  StreamCatcher catcher;
  auto server = StartServer(catcher.handler());
  StreamTestClient client(server->port());
  ASSERT_TRUE(client.Post("/stream", "{}", "Accept-Encoding: gzip\r\n"));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  ASSERT_TRUE(client.ReadHead());
  EXPECT_EQ(client.status(), 200);
  EXPECT_EQ(client.Header("Transfer-Encoding"), "chunked") << client.head();
  EXPECT_EQ(client.Header("Content-Type"), "text/event-stream");
  EXPECT_EQ(client.Header("Cache-Control"), "no-store");
  EXPECT_FALSE(client.Header("Content-Length"));
  EXPECT_FALSE(client.Header("Content-Encoding"));  // a stream is never gzipped

  std::string chunk;
  // Each part is read before the next is written: parts go out as they are written.
  for (const std::string& part :
       std::vector<std::string>{"first", "second", std::string(300000, 'x'), "last"}) {
    EXPECT_TRUE(stream->Write(part));
    std::string got;
    while (got.size() < part.size()) {
      ASSERT_EQ(client.NextChunk(&chunk), Read::kChunk);
      got += chunk;
    }
    EXPECT_EQ(got, part);
  }
  std::promise<Delivery> delivered;
  stream->End([&](Delivery d) { delivered.set_value(d); });
  EXPECT_EQ(client.NextChunk(&chunk), Read::kEnd);
  EXPECT_EQ(delivered.get_future().get(), Delivery::kSent);
  EXPECT_FALSE(stream->Write("after the end"));
  EXPECT_FALSE(stream->client_gone());

  // Kept alive: the next request on the same connection is answered.
  ASSERT_TRUE(client.Send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_TRUE(client.ReadHead());
  EXPECT_EQ(client.status(), 200);
}

TEST(ConnectionStreamTest, ASlowReaderGetsEveryPartButOnlyTheLatestReplaceableOne) {
  Threads threads;
  std::promise<void> written;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    threads.Run([&, exchange] {
      std::shared_ptr<ResponseStream> stream = exchange->StartStream(EventStreamHead());
      // 8 MB: more than the loopback socket buffers hold for a client that does not read.
      for (int i = 0; i < 16; ++i) stream->Write(std::string(512 * 1024, 'a' + i));
      std::this_thread::sleep_for(milliseconds(200));  // the pump is stuck in a write by now
      for (int i = 0; i < 100; ++i) {
        EXPECT_TRUE(stream->Write("results " + std::to_string(i), true));
      }
      stream->Write("done");
      stream->End();
      written.set_value();
    });
  });
  StreamTestClient client(server->port(), 16 * 1024);
  ASSERT_TRUE(client.Post("/stream", "{}", ""));
  ASSERT_EQ(written.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  ASSERT_TRUE(client.ReadHead());
  std::string body;
  std::string chunk;
  Read read;
  while ((read = client.NextChunk(&chunk)) == Read::kChunk) body += chunk;
  ASSERT_EQ(read, Read::kEnd);
  ASSERT_EQ(body.size(), 16u * 512 * 1024 + std::string("results 99done").size());
  for (int i = 0; i < 16; ++i) {
    EXPECT_EQ(body[static_cast<std::size_t>(i) * 512 * 1024], 'a' + i);
  }
  EXPECT_EQ(body.substr(16u * 512 * 1024), "results 99done");
}

TEST(ConnectionStreamTest, AClientThatLeavesIsSeenAndLaterWritesFail) {
  StreamCatcher catcher;
  auto server = StartServer(catcher.handler());
  auto client = std::make_unique<StreamTestClient>(server->port());
  ASSERT_TRUE(client->Post("/stream", "{}", ""));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  ASSERT_TRUE(stream->Write("hello"));
  ASSERT_TRUE(client->ReadHead());
  std::string chunk;
  ASSERT_EQ(client->NextChunk(&chunk), Read::kChunk);
  client.reset();  // closes
  // Seen without writing anything: the server watches the socket while it streams.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!stream->client_gone() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
  EXPECT_TRUE(stream->client_gone());
  EXPECT_FALSE(stream->Write("anyone?"));
  std::promise<Delivery> delivered;
  stream->End([&](Delivery d) { delivered.set_value(d); });
  EXPECT_EQ(delivered.get_future().get(), Delivery::kDropped);
  // The server serves on.
  EXPECT_EQ(testing_support::Fetch(server->port(), "GET", "/x").body, "plain");
}

TEST(ConnectionStreamTest, StoppingTheServerEndsAStreamThatDoesNotEnd) {
  StreamCatcher catcher;
  auto server = StartServer(catcher.handler());
  StreamTestClient client(server->port());
  ASSERT_TRUE(client.Post("/stream", "{}", ""));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  ASSERT_TRUE(stream->Write("hello"));
  ASSERT_TRUE(client.ReadHead());
  std::string chunk;
  ASSERT_EQ(client.NextChunk(&chunk), Read::kChunk);
  const auto stop_began = std::chrono::steady_clock::now();
  server->Stop(milliseconds(200));
  EXPECT_LT(std::chrono::steady_clock::now() - stop_began, std::chrono::seconds(5));
  EXPECT_EQ(client.NextChunk(&chunk), Read::kClosed);  // cut short: no last chunk
  EXPECT_TRUE(stream->client_gone());
  EXPECT_FALSE(stream->Write("anyone?"));
}

TEST(ConnectionStreamTest, AStreamWhosePartsFlowOutlivesTheReadAndIdleTimeouts) {
  StreamCatcher catcher;
  HttpServerOptions options;
  options.read_timeout = milliseconds(100);
  options.idle_timeout = milliseconds(100);
  auto server = StartServer(catcher.handler(), options);
  StreamTestClient client(server->port());
  ASSERT_TRUE(client.Post("/stream", "{}", ""));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  ASSERT_TRUE(client.ReadHead());
  std::string chunk;
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(milliseconds(300));  // longer than either timeout
    ASSERT_TRUE(stream->Write("part " + std::to_string(i)));
    ASSERT_EQ(client.NextChunk(&chunk), Read::kChunk);
    EXPECT_EQ(chunk, "part " + std::to_string(i));
  }
  stream->End();
  EXPECT_EQ(client.NextChunk(&chunk), Read::kEnd);
}

TEST(ConnectionStreamTest, AnHttp10ClientGetsABodyThatEndsWithTheConnection) {
  StreamCatcher catcher;
  auto server = StartServer(catcher.handler());
  StreamTestClient client(server->port());
  ASSERT_TRUE(client.Post("/stream", "{}", "", "HTTP/1.0"));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  stream->Write("event: a\n\n");
  stream->Write("");  // nothing to send, and not the end
  stream->Write("event: b\n\n");
  std::promise<Delivery> delivered;
  stream->End([&](Delivery d) { delivered.set_value(d); });
  ASSERT_TRUE(client.ReadHead());
  EXPECT_EQ(client.status(), 200);
  EXPECT_TRUE(client.head().starts_with("HTTP/1.0 200"));
  EXPECT_FALSE(client.Header("Transfer-Encoding"));
  EXPECT_FALSE(client.Header("Content-Length"));
  std::string body;
  EXPECT_TRUE(client.ReadToClose(&body));
  EXPECT_EQ(body, "event: a\n\nevent: b\n\n");
  EXPECT_EQ(delivered.get_future().get(), Delivery::kSent);
}

TEST(ConnectionStreamTest, AStreamDroppedBeforeItsEndCutsTheBodyShort) {
  StreamCatcher catcher;
  auto server = StartServer(catcher.handler());
  StreamTestClient client(server->port());
  ASSERT_TRUE(client.Post("/stream", "{}", ""));
  std::shared_ptr<ResponseStream> stream = catcher.Get();
  ASSERT_NE(stream, nullptr);
  stream->Write("partial");
  ASSERT_TRUE(client.ReadHead());
  std::string chunk;
  ASSERT_EQ(client.NextChunk(&chunk), Read::kChunk);
  catcher = {};  // the test's last reference but ours
  stream.reset();
  EXPECT_EQ(client.NextChunk(&chunk), Read::kClosed);
}

TEST(ConnectionStreamTest, AnAnsweredExchangeStartsAStreamThatSendsNothing) {
  std::promise<std::shared_ptr<ResponseStream>> started;
  auto server = StartServer([&](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(Text("whole"));
    started.set_value(exchange->StartStream(EventStreamHead()));
  });
  EXPECT_EQ(testing_support::Fetch(server->port(), "GET", "/").body, "whole");
  std::shared_ptr<ResponseStream> stream = started.get_future().get();
  ASSERT_NE(stream, nullptr);
  EXPECT_TRUE(stream->client_gone());
  EXPECT_FALSE(stream->Write("x"));
}

}  // namespace
}  // namespace fareflow::net
