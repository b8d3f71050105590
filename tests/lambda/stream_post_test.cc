#include "lambda/stream_post.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lambda/runtime_api_emulator.h"

namespace fareflow::lambda {
namespace {

using namespace std::chrono_literals;
using testing_support::RuntimeApiEmulator;

std::chrono::steady_clock::time_point In5s() { return std::chrono::steady_clock::now() + 5s; }

TEST(StreamPostTest, SendsEachWriteAsAChunkThenTheTrailersAndReadsTheStatus) {
  RuntimeApiEmulator emulator;
  ASSERT_TRUE(emulator.started());
  Result<StreamPost> post =
      StreamPost::Open(emulator.endpoint(), "/2018-06-01/runtime/invocation/req-1/response",
                       {{"Lambda-Runtime-Function-Response-Mode", "streaming"},
                        {"Trailer", "Lambda-Runtime-Function-Error-Type"}},
                       In5s());
  ASSERT_TRUE(post.has_value()) << post.error().message;
  ASSERT_TRUE(post->Write("one", In5s()).has_value());
  ASSERT_TRUE(post->Write("", In5s()).has_value());  // nothing: an empty chunk would end it
  ASSERT_TRUE(post->Write(std::string(70'000, 'x'), In5s()).has_value());
  Result<int> status = post->Finish({{"Lambda-Runtime-Function-Error-Type", "Runtime.X"}}, In5s());
  ASSERT_TRUE(status.has_value()) << status.error().message;
  EXPECT_EQ(*status, 202);

  const auto call = emulator.WaitForPost("req-1");
  ASSERT_TRUE(call.has_value());
  EXPECT_TRUE(call->chunked);
  EXPECT_EQ(call->response_mode, "streaming");
  ASSERT_EQ(call->parts.size(), 2u);
  EXPECT_EQ(call->parts[0].bytes, "one");
  EXPECT_EQ(call->parts[1].bytes.size(), 70'000u);
  EXPECT_EQ(call->Trailer("Lambda-Runtime-Function-Error-Type"), "Runtime.X");
}

TEST(StreamPostTest, NoListenerIsAnUnavailableErrorAndABadEndpointAnInvalidOne) {
  uint16_t port = 0;
  {
    RuntimeApiEmulator gone;  // a port that was free a moment ago
    port = static_cast<uint16_t>(std::stoi(gone.endpoint().substr(10)));
  }
  Result<StreamPost> refused =
      StreamPost::Open("127.0.0.1:" + std::to_string(port), "/x", {}, In5s());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  Result<StreamPost> bad = StreamPost::Open("no-port", "/x", {}, In5s());
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace fareflow::lambda
