#include "lambda/proxy_answer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "server/access/security_headers.h"

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
            R"("Server-Timing":"x;dur=1","X-Content-Type-Options":"nosniff",)"
            R"("Referrer-Policy":"no-referrer",)"
            R"("Content-Security-Policy":"default-src 'none'; frame-ancestors 'none'"},)"
            R"("body":"{\"k\":\"v\"}","isBase64Encoded":false})");
}

TEST(ProxyAnswerTest, RestApiV1AlsoListsEveryValue) {
  const std::string answer = FormatAnswer(EventKind::kRestV1, Sample());
  EXPECT_NE(answer.find(R"("multiValueHeaders":{"Content-Type":["application/json"],)"
                        R"("Vary":["a","b"],"Server-Timing":["x;dur=1"],)"
                        R"("X-Content-Type-Options":["nosniff"],)"),
            std::string::npos)
      << answer;
}

// Regression: answers through API Gateway lacked the headers every `fareflow serve` answer
// carries (server/access/security_headers.h).
TEST(ProxyAnswerTest, EveryHttpAnswerCarriesTheSecurityHeaders) {
  for (const EventKind kind : {EventKind::kHttpV2, EventKind::kRestV1}) {
    const std::string answer = FormatAnswer(kind, Sample());
    simdjson::dom::parser parser;
    simdjson::dom::object headers;
    ASSERT_FALSE(parser.parse(answer)["headers"].get_object().get(headers)) << answer;
    for (const auto& [name, value] : server::ApiSecurityHeaders()) {
      std::string_view got;
      EXPECT_FALSE(headers[name].get_string().get(got)) << name << " in " << answer;
      EXPECT_EQ(got, value) << name;
    }
  }
}

TEST(ProxyAnswerTest, AnAnswersOwnSecurityHeaderIsKept) {
  net::WireResponse r = Sample();
  r.headers.emplace_back("content-security-policy", "default-src 'self'");
  const std::string answer = FormatAnswer(EventKind::kRestV1, r);
  EXPECT_NE(answer.find(R"("content-security-policy":["default-src 'self'"])"), std::string::npos)
      << answer;
  EXPECT_EQ(answer.find("Content-Security-Policy"), std::string::npos) << answer;
  EXPECT_NE(answer.find(R"("X-Content-Type-Options":["nosniff"])"), std::string::npos) << answer;
}

TEST(ProxyAnswerTest, DirectInvocationsGetTheBodyAlone) {
  EXPECT_EQ(FormatAnswer(EventKind::kDirect, Sample()), R"({"k":"v"})");
}

TEST(ProxyAnswerTest, AStreamPreludeIsTheStatusHeadersAndCookiesThenEightNuls) {
  net::WireResponse head = Sample();
  head.content_type = "text/event-stream";
  head.headers.emplace_back("Set-Cookie", "a=1; Secure");
  head.headers.emplace_back("set-cookie", "b=2");
  EXPECT_EQ(FormatStreamPrelude(head),
            R"({"statusCode":201,"headers":{"Content-Type":"text/event-stream","Vary":"a, b",)"
            R"("Server-Timing":"x;dur=1","X-Content-Type-Options":"nosniff",)"
            R"("Referrer-Policy":"no-referrer",)"
            R"("Content-Security-Policy":"default-src 'none'; frame-ancestors 'none'"},)"
            R"("cookies":["a=1; Secure","b=2"]})" +
                std::string(8, '\0'));
}

}  // namespace
}  // namespace fareflow::lambda
