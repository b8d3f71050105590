#include "lambda/proxy_answer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/base64.h"
#include "net/gzip.h"
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

TEST(ProxyAnswerTest, AnAlbAnswerHasAStatusDescriptionAndOnlyTheHeaderFormOfItsEvent) {
  const std::string single = FormatAnswer(EventKind::kAlb, Sample());
  EXPECT_TRUE(single.starts_with(R"({"statusCode":201,"statusDescription":"201 Created",)"
                                 R"("headers":{"Content-Type":"application/json","Vary":"a, b",)"))
      << single;
  EXPECT_EQ(single.find("multiValueHeaders"), std::string::npos) << single;
  EXPECT_TRUE(single.ends_with(R"("body":"{\"k\":\"v\"}","isBase64Encoded":false})")) << single;

  const std::string multi = FormatAnswer(EventKind::kAlbMultiValue, Sample());
  EXPECT_TRUE(multi.starts_with(R"({"statusCode":201,"statusDescription":"201 Created",)"
                                R"("multiValueHeaders":{"Content-Type":["application/json"],)"
                                R"("Vary":["a","b"],)"))
      << multi;
  EXPECT_EQ(multi.find(R"("headers")"), std::string::npos) << multi;

  for (const auto& [status, description] :
       std::vector<std::pair<int, std::string>>{{200, "200 OK"},
                                                {304, "304 Not Modified"},
                                                {404, "404 Not Found"},
                                                {429, "429 Too Many Requests"},
                                                {504, "504 Gateway Timeout"}}) {
    net::WireResponse r = Sample();
    r.status = status;
    EXPECT_NE(FormatAnswer(EventKind::kAlb, r).find(R"("statusDescription":")" + description),
              std::string::npos)
        << status;
  }
  // API Gateway's answers carry no statusDescription.
  EXPECT_EQ(FormatAnswer(EventKind::kRestV1, Sample()).find("statusDescription"),
            std::string::npos);
  EXPECT_EQ(FormatAnswer(EventKind::kHttpV2, Sample()).find("statusDescription"),
            std::string::npos);
}

TEST(ProxyAnswerTest, AContentCodedBodyGoesAsBase64) {
  net::WireResponse r = Sample();
  r.body = std::string("\x1f\x8b\x08\x00", 4);
  r.headers.emplace_back("Content-Encoding", "gzip");
  for (const EventKind kind : {EventKind::kHttpV2, EventKind::kRestV1, EventKind::kAlb}) {
    const std::string answer = FormatAnswer(kind, r);
    EXPECT_TRUE(
        answer.ends_with(R"("body":")" + EncodeBase64(r.body) + R"(","isBase64Encoded":true})"))
        << answer;
  }
}

// A body of `n` bytes that gzip makes small.
net::WireResponse Large(std::size_t n) {
  net::WireResponse r;
  r.body.reserve(n);
  while (r.body.size() < n) r.body += R"({"offer":"o)" + std::to_string(r.body.size()) + R"("},)";
  return r;
}

TEST(ProxyAnswerTest, AnAlbAnswerThatFitsGoesAsItIsEvenWhenGzipIsAccepted) {
  const net::WireResponse r = Large(kAlbAnswerLimitBytes / 2);
  const AlbAnswer answer = FormatAlbAnswer(EventKind::kAlb, r, true);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.json, FormatAnswer(EventKind::kAlb, r));
}

TEST(ProxyAnswerTest, AnAlbAnswerOverTheLimitIsGzippedWhenAcceptedElseAnErrorNamingIt) {
  net::WireResponse r = Large(kAlbAnswerLimitBytes + 10);
  r.headers.emplace_back("Vary", "Accept");
  const AlbAnswer zipped = FormatAlbAnswer(EventKind::kAlbMultiValue, r, true);
  EXPECT_EQ(zipped.status, 200);
  EXPECT_LE(zipped.json.size(), kAlbAnswerLimitBytes);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(zipped.json).get(doc));
  std::string_view text;
  ASSERT_FALSE(doc["multiValueHeaders"]["Content-Encoding"].at(0).get_string().get(text));
  EXPECT_EQ(text, "gzip");
  ASSERT_FALSE(doc["multiValueHeaders"]["Vary"].at(0).get_string().get(text));
  EXPECT_EQ(text, "Accept, Accept-Encoding");
  bool base64 = false;
  ASSERT_FALSE(doc["isBase64Encoded"].get_bool().get(base64));
  EXPECT_TRUE(base64);
  ASSERT_FALSE(doc["body"].get_string().get(text));
  Result<std::string> bytes = DecodeBase64(text);
  ASSERT_TRUE(bytes.has_value());
  Result<std::string> body = net::GzipDecompress(*bytes);
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(*body, r.body);

  for (const bool gzip : {false, true}) {
    // Random bytes: gzip cannot bring them under the limit.
    net::WireResponse incompressible = r;
    if (gzip) {
      incompressible.body = std::string(kAlbAnswerLimitBytes + 10, '\0');
      std::uint32_t x = 12345;
      for (char& c : incompressible.body) {
        x = x * 1664525u + 1013904223u;
        c = static_cast<char>(x >> 24);
      }
    }
    const AlbAnswer refused = FormatAlbAnswer(EventKind::kAlb, incompressible, gzip);
    EXPECT_EQ(refused.status, 500);
    EXPECT_LE(refused.json.size(), kAlbAnswerLimitBytes);
    EXPECT_NE(refused.json.find(R"("statusDescription":"500 Internal Server Error")"),
              std::string::npos)
        << refused.json;
    EXPECT_NE(refused.json.find(R"(\"code\":\"answer_too_large\")"), std::string::npos)
        << refused.json;
    EXPECT_NE(refused.json.find("1 MB (1000000 bytes)"), std::string::npos) << refused.json;
    EXPECT_EQ(refused.json.find("Accept-Encoding: gzip") == std::string::npos, gzip)
        << refused.json;
  }
}

}  // namespace
}  // namespace fareflow::lambda
