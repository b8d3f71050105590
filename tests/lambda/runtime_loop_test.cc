// The runtime loop in process, with routes of the test's own, against the Runtime API emulator:
// how answers are posted when the function is invoked through a RESPONSE_STREAM function URL
// (streamed, part by part, with the prelude) and when it is not (whole, as before).

#include "lambda/runtime_loop.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/base64.h"
#include "lambda/lambda_test_events.h"
#include "lambda/runtime_api_emulator.h"
#include "net/http_client.h"
#include "server/routes/router.h"

namespace fareflow::lambda {
namespace {

using testing_support::RuntimeApiEmulator;
using namespace testing_support::lambda_events;  // NOLINT: test vocabulary
using namespace std::chrono_literals;

class RuntimeLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Three parts 150 ms apart, from a thread of the handler's own, then End.
    router_.Add("GET", "/parts", [this](std::shared_ptr<net::Exchange> exchange) {
      net::WireResponse head;
      head.content_type = "text/event-stream";
      head.headers = {{"Cache-Control", "no-store"}, {"Set-Cookie", "a=1"}};
      std::shared_ptr<net::ResponseStream> stream = exchange->StartStream(head);
      if (!stream) {
        exchange->Respond({.status = 200, .body = R"({"whole":true})"});
        return;
      }
      writers_.emplace_back([this, stream] {
        for (int i = 0; i < 3; ++i) {
          std::this_thread::sleep_for(150ms);
          stream->Write("event: part\ndata: " + std::to_string(i) + "\n\n");
        }
        stream->End([this](net::Delivery d) { delivery_ = static_cast<int>(d); });
      });
    });
    // Starts a stream and never ends it.
    router_.Add("GET", "/stuck", [this](std::shared_ptr<net::Exchange> exchange) {
      std::shared_ptr<net::ResponseStream> stream = exchange->StartStream({});
      ASSERT_NE(stream, nullptr);
      stream->Write("first");
      stuck_ = stream;
    });
    // One part larger than the queue may hold.
    router_.Add("GET", "/flood", [this](std::shared_ptr<net::Exchange> exchange) {
      std::shared_ptr<net::ResponseStream> stream = exchange->StartStream({});
      ASSERT_NE(stream, nullptr);
      flood_accepted_ = stream->Write(std::string(4096, 'x'));
      stream->End([this](net::Delivery d) { delivery_ = static_cast<int>(d); });
    });
    router_.Add("GET", "/plain", [](std::shared_ptr<net::Exchange> exchange) {
      exchange->Respond({.status = 201, .body = R"({"plain":true})"});
    });
  }

  void TearDown() override {
    emulator_.reset();  // the loop's GET .../next fails: it returns
    if (loop_.joinable()) loop_.join();
    for (std::thread& t : writers_) t.join();
  }

  void Start(bool streaming, std::size_t queue_bytes = std::size_t{1} << 20) {
    emulator_ = std::make_unique<RuntimeApiEmulator>();
    ASSERT_TRUE(emulator_->started());
    api_ = std::make_unique<RuntimeApi>(http_, emulator_->endpoint());
    LoopOptions options{.metrics_out = nullptr, .log_out = nullptr};
    options.handler.stream_function_urls = streaming;
    options.handler.margin = 300ms;
    options.handler.stream_queue_bytes = queue_bytes;
    loop_ = std::thread([this, options] { RunRuntimeLoop(*api_, router_, nullptr, options); });
  }

  net::HttpClient http_;
  server::Router router_;
  std::unique_ptr<RuntimeApiEmulator> emulator_;
  std::unique_ptr<RuntimeApi> api_;
  std::thread loop_;
  std::vector<std::thread> writers_;
  std::atomic<int> delivery_{-1};
  std::shared_ptr<net::ResponseStream> stuck_;
  std::atomic<bool> flood_accepted_{true};
};

TEST_F(RuntimeLoopTest, AFunctionUrlAnswerStreamsThePreludeThenEachPartAsItIsWritten) {
  Start(/*streaming=*/true);
  emulator_->Queue("req-parts", FunctionUrlEvent("GET", "/parts", ""));
  const auto post = emulator_->WaitForPost("req-parts");
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->kind, "response");
  EXPECT_EQ(post->response_mode, "streaming");
  EXPECT_TRUE(post->chunked);
  EXPECT_EQ(post->content_type, "application/vnd.awslambda.http-integration-response");
  ASSERT_EQ(post->parts.size(), 4u) << post->body;

  // The prelude alone first, as soon as the stream starts.
  const StreamedBody first = SplitPrelude(post->parts[0].bytes);
  EXPECT_TRUE(first.body.empty());
  const ProxyAnswer prelude = ReadProxyAnswer(first.prelude);
  EXPECT_EQ(prelude.status, 200) << first.prelude;
  EXPECT_EQ(prelude.content_type, "text/event-stream");
  EXPECT_NE(first.prelude.find(R"("cookies":["a=1"])"), std::string::npos) << first.prelude;
  EXPECT_NE(first.prelude.find(R"("Cache-Control":"no-store")"), std::string::npos);
  EXPECT_EQ(first.prelude.find("Set-Cookie"), std::string::npos) << first.prelude;

  // Then one chunk per part, each when it was written.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(post->parts[i + 1].bytes, "event: part\ndata: " + std::to_string(i) + "\n\n");
  }
  EXPECT_LT(post->parts[0].at - post->began, 100ms);
  EXPECT_GT(post->parts[3].at - post->parts[1].at, 250ms);
  EXPECT_TRUE(post->trailers.empty());

  // The stream's after-sent work ran, as sent, before the next event was asked for.
  ASSERT_TRUE(emulator_->WaitForNext(2));
  EXPECT_EQ(delivery_.load(), static_cast<int>(net::Delivery::kSent));
}

TEST_F(RuntimeLoopTest, AnAnswerGivenWholeToAStreamedFunctionUrlIsOneChunkWithThePrelude) {
  Start(/*streaming=*/true);
  emulator_->Queue("req-plain", FunctionUrlEvent("GET", "/plain", ""));
  emulator_->Queue("req-missing", FunctionUrlEvent("GET", "/nowhere", ""));
  const auto post = emulator_->WaitForPost("req-plain");
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->response_mode, "streaming");
  ASSERT_EQ(post->parts.size(), 1u);
  const StreamedBody streamed = SplitPrelude(post->body);
  EXPECT_EQ(ReadProxyAnswer(streamed.prelude).status, 201) << streamed.prelude;
  EXPECT_EQ(streamed.body, R"({"plain":true})");

  const auto missing = emulator_->WaitForPost("req-missing");
  ASSERT_TRUE(missing.has_value());
  const StreamedBody not_found = SplitPrelude(missing->body);
  EXPECT_EQ(ReadProxyAnswer(not_found.prelude).status, 404) << missing->body;
  EXPECT_NE(not_found.body.find("not_found"), std::string::npos) << not_found.body;
}

TEST_F(RuntimeLoopTest, ApiGatewayEventsAndStreamingOffAreAnsweredWholeAsBefore) {
  Start(/*streaming=*/true);
  emulator_->Queue("req-apigw", V2Event("GET", "/parts", ""));
  const auto apigw = emulator_->WaitForPost("req-apigw");
  ASSERT_TRUE(apigw.has_value());
  EXPECT_FALSE(apigw->chunked);
  EXPECT_EQ(apigw->response_mode, "");
  const ProxyAnswer answer = ReadProxyAnswer(apigw->body);
  EXPECT_EQ(answer.status, 200) << apigw->body;
  EXPECT_EQ(answer.body, R"({"whole":true})");

  emulator_.reset();
  loop_.join();
  Start(/*streaming=*/false);
  emulator_->Queue("req-url-off", FunctionUrlEvent("GET", "/parts", ""));
  const auto off = emulator_->WaitForPost("req-url-off");
  ASSERT_TRUE(off.has_value());
  EXPECT_FALSE(off->chunked);
  EXPECT_EQ(ReadProxyAnswer(off->body).body, R"({"whole":true})") << off->body;
}

TEST_F(RuntimeLoopTest, AStreamNotEndedByTheDeadlineEndsWithErrorTrailersInTime) {
  Start(/*streaming=*/true);
  ASSERT_TRUE(emulator_->WaitForNext(1));
  const auto queued = std::chrono::steady_clock::now();
  emulator_->Queue("req-stuck", FunctionUrlEvent("GET", "/stuck", ""),
                   std::chrono::system_clock::now() + 1000ms);
  const auto post = emulator_->WaitForPost("req-stuck", 5s);
  ASSERT_TRUE(post.has_value());
  EXPECT_LT(post->at - queued, 1000ms);
  ASSERT_EQ(post->parts.size(), 2u);
  EXPECT_EQ(post->parts[1].bytes, "first");
  EXPECT_EQ(post->Trailer("Lambda-Runtime-Function-Error-Type"), "Runtime.StreamTimeout");
  Result<std::string> body = DecodeBase64(post->Trailer("Lambda-Runtime-Function-Error-Body"));
  ASSERT_TRUE(body.has_value());
  EXPECT_NE(body->find(R"("errorType":"Runtime.StreamTimeout")"), std::string::npos) << *body;
  // The handler is told: the stream is closed to it.
  ASSERT_TRUE(emulator_->WaitForNext(2));
  EXPECT_FALSE(stuck_->Write("late"));
  EXPECT_TRUE(stuck_->client_gone());
}

TEST_F(RuntimeLoopTest, APartOverTheQueueBoundCutsTheStreamWithErrorTrailers) {
  Start(/*streaming=*/true, /*queue_bytes=*/1024);
  emulator_->Queue("req-flood", FunctionUrlEvent("GET", "/flood", ""));
  const auto post = emulator_->WaitForPost("req-flood");
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->parts.size(), 1u);  // the prelude alone
  EXPECT_EQ(post->Trailer("Lambda-Runtime-Function-Error-Type"), "Runtime.ResponseTooLarge");
  EXPECT_FALSE(flood_accepted_.load());
  ASSERT_TRUE(emulator_->WaitForNext(2));
  EXPECT_EQ(delivery_.load(), static_cast<int>(net::Delivery::kDropped));
}

}  // namespace
}  // namespace fareflow::lambda
