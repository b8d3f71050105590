#include "lambda/lambda_response_stream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

namespace fareflow::lambda {
namespace {

using namespace std::chrono_literals;
using Taken = LambdaResponseStream::Taken;

std::chrono::steady_clock::time_point Soon() { return std::chrono::steady_clock::now() + 50ms; }

TEST(LambdaResponseStreamTest, PartsComeOutInOrderAndAReplaceablePartNotTakenIsReplaced) {
  LambdaResponseStream stream(1 << 20);
  EXPECT_TRUE(stream.Write("supplier 1"));
  EXPECT_TRUE(stream.Write("results 1", /*replaceable=*/true));
  EXPECT_TRUE(stream.Write("supplier 2"));
  EXPECT_TRUE(stream.Write("results 2", /*replaceable=*/true));
  std::string part;
  ASSERT_EQ(stream.Take(part, Soon()), Taken::kPart);
  EXPECT_EQ(part, "supplier 1");
  ASSERT_EQ(stream.Take(part, Soon()), Taken::kPart);
  EXPECT_EQ(part, "supplier 2");
  // A replaceable part already taken (going out) is not replaced by the next one.
  ASSERT_EQ(stream.Take(part, Soon()), Taken::kPart);
  EXPECT_EQ(part, "results 2");
  EXPECT_TRUE(stream.Write("results 3", /*replaceable=*/true));
  EXPECT_TRUE(stream.Write("done"));
  stream.End();
  ASSERT_EQ(stream.Take(part, Soon()), Taken::kPart);
  EXPECT_EQ(part, "results 3");
  ASSERT_EQ(stream.Take(part, Soon()), Taken::kPart);
  EXPECT_EQ(part, "done");
  EXPECT_EQ(stream.Take(part, Soon()), Taken::kEnded);
  EXPECT_FALSE(stream.Write("after the end"));
}

TEST(LambdaResponseStreamTest, TakeWaitsForAPartFromAnotherThreadOrTimesOut) {
  LambdaResponseStream stream(1 << 20);
  std::string part;
  EXPECT_EQ(stream.Take(part, Soon()), Taken::kTimedOut);
  std::thread writer([&stream] {
    std::this_thread::sleep_for(30ms);
    stream.Write("late");
  });
  EXPECT_EQ(stream.Take(part, std::chrono::steady_clock::now() + 5s), Taken::kPart);
  EXPECT_EQ(part, "late");
  writer.join();
}

TEST(LambdaResponseStreamTest, WritesPastTheBoundCloseTheStreamInsteadOfGrowingIt) {
  LambdaResponseStream stream(100);
  // Replaced parts do not count against the bound.
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(stream.Write(std::string(60, 'r'), true));
  EXPECT_TRUE(stream.Write(std::string(30, 's')));
  EXPECT_FALSE(stream.Write(std::string(30, 't')));
  EXPECT_TRUE(stream.overflowed());
  EXPECT_TRUE(stream.client_gone());
  std::string part;
  EXPECT_EQ(stream.Take(part, Soon()), Taken::kGone);
}

TEST(LambdaResponseStreamTest, CloseHandsOverEndsWorkAndAnEndAfterCloseIsDropped) {
  {
    LambdaResponseStream stream(1 << 20);
    net::Delivery told = net::Delivery::kDropped;
    stream.End([&told](net::Delivery d) { told = d; });
    net::AfterSent work = stream.Close(/*gone=*/false);
    EXPECT_TRUE(work.pending());
    work.Run();
    EXPECT_EQ(told, net::Delivery::kSent);
    EXPECT_FALSE(stream.client_gone());
  }
  {
    LambdaResponseStream stream(1 << 20);
    EXPECT_FALSE(stream.Close(/*gone=*/true).pending());
    EXPECT_TRUE(stream.client_gone());
    EXPECT_FALSE(stream.Write("x"));
    bool dropped = false;
    stream.End([&dropped](net::Delivery d) { dropped = d == net::Delivery::kDropped; });
    EXPECT_TRUE(dropped);
  }
}

}  // namespace
}  // namespace fareflow::lambda
