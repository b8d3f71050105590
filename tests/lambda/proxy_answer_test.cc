#include "lambda/proxy_answer.h"

#include <gtest/gtest.h>

namespace fareflow::lambda {
namespace {

net::WireResponse Sample() {
  net::WireResponse r;
  r.status = 201;
  r.headers = {{"Vary", "a"}, {"Server-Timing", "x;dur=1"}, {"vary", "b"}};
  r.body = R"({"k":"v"})";
  return r;
}

TEST(ProxyAnswerTest, HttpApiV2JoinsRepeatedHeadersAndEscapesTheBody) {
  EXPECT_EQ(FormatAnswer(EventKind::kHttpV2, Sample()),
            R"({"statusCode":201,"headers":{"Content-Type":"application/json","Vary":"a, b",)"
            R"("Server-Timing":"x;dur=1"},"body":"{\"k\":\"v\"}","isBase64Encoded":false})");
}

TEST(ProxyAnswerTest, RestApiV1AlsoListsEveryValue) {
  const std::string answer = FormatAnswer(EventKind::kRestV1, Sample());
  EXPECT_NE(answer.find(R"("multiValueHeaders":{"Content-Type":["application/json"],)"
                        R"("Vary":["a","b"],"Server-Timing":["x;dur=1"]})"),
            std::string::npos)
      << answer;
}

TEST(ProxyAnswerTest, DirectInvocationsGetTheBodyAlone) {
  EXPECT_EQ(FormatAnswer(EventKind::kDirect, Sample()), R"({"k":"v"})");
}

}  // namespace
}  // namespace fareflow::lambda
