#include "lambda/event.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace fareflow::lambda {
namespace {

TEST(EventTest, HttpApiV2GivesMethodRawPathDecodedQueryHeadersAndCookies) {
  Result<Event> e = ParseEvent(
      R"({"version":"2.0","rawPath":"/v1/searches/s1/offers","rawQueryString":"sort=price&q=a%20b",)"
      R"("cookies":["a=1","b=2"],"headers":{"accept":"application/json"},)"
      R"("requestContext":{"http":{"method":"GET"}},"isBase64Encoded":false})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, EventKind::kHttpV2);
  EXPECT_EQ(e->method, "GET");
  EXPECT_EQ(e->path, "/v1/searches/s1/offers");
  ASSERT_EQ(e->query.size(), 2u);
  EXPECT_EQ(e->query[1].second, "a b");
  ASSERT_EQ(e->headers.size(), 2u);
  EXPECT_EQ(e->headers[1].second, "a=1; b=2");
  EXPECT_TRUE(e->problem.empty());
}

TEST(EventTest, RestApiV1PrefersMultiValueQueryAndDecodesBase64Bodies) {
  Result<Event> e =
      ParseEvent(R"({"httpMethod":"POST","path":"/v1/searches","queryStringParameters":{"a":"2"},)"
                 R"("multiValueQueryStringParameters":{"a":["1","2"]},"headers":null,)"
                 R"("body":"eyJzbGljZXMiOltdfQ==","isBase64Encoded":true})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, EventKind::kRestV1);
  EXPECT_EQ(e->method, "POST");
  ASSERT_EQ(e->query.size(), 2u);
  EXPECT_EQ(e->body, R"({"slices":[]})");
}

TEST(EventTest, ASearchRequestIsADirectSearch) {
  const std::string payload = R"({"slices":[{"origin":"LHR"}]})";
  Result<Event> e = ParseEvent(payload);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, EventKind::kDirect);
  EXPECT_EQ(e->method, "POST");
  EXPECT_EQ(e->path, "/v1/searches");
  EXPECT_EQ(e->body, payload);
}

TEST(EventTest, ProxyEventsWithoutARequestOrWithBadBase64AreProblems) {
  Result<Event> no_method = ParseEvent(R"({"version":"2.0","rawPath":"/v1/health"})");
  ASSERT_TRUE(no_method.has_value());
  EXPECT_FALSE(no_method->problem.empty());
  Result<Event> bad_body = ParseEvent(
      R"({"httpMethod":"POST","path":"/v1/searches","body":"%%%","isBase64Encoded":true})");
  ASSERT_TRUE(bad_body.has_value());
  EXPECT_NE(bad_body->problem.find("base64"), std::string::npos);
}

TEST(EventTest, DuplicateKeysInAProxyEventAreAProblemNamingThem) {
  // Two methods, two paths or two copies of a header: whichever won, the request is ambiguous.
  for (
      const auto& [payload, pointer] : std::vector<std::pair<std::string, std::string>>{
          {R"({"httpMethod":"GET","httpMethod":"DELETE","path":"/v1/health"})", "/httpMethod"},
          {R"({"version":"2.0","rawPath":"/v1/health","rawPath":"/metrics",)"
           R"("requestContext":{"http":{"method":"GET"}}})",
           "/rawPath"},
          {R"({"httpMethod":"GET","path":"/v1/health","headers":{"x-api-key":"a","x-api-key":"b"}})",
           "/headers/x-api-key"},
      }) {
    Result<Event> e = ParseEvent(payload);
    ASSERT_TRUE(e.has_value()) << payload;
    EXPECT_NE(e->problem.find(pointer + " appears twice"), std::string::npos)
        << payload << " -> " << e->problem;
  }
  Result<Event> fine =
      ParseEvent(R"({"httpMethod":"GET","path":"/v1/health","headers":{"a":"1","b":"1"}})");
  ASSERT_TRUE(fine.has_value());
  EXPECT_TRUE(fine->problem.empty()) << fine->problem;
}

TEST(EventTest, PayloadsOfNoKnownShapeAreErrors) {
  for (const char* payload : {"", "not json", "[1,2]", "42", R"({"Records":[]})", "{\"a\":"}) {
    Result<Event> e = ParseEvent(payload);
    ASSERT_FALSE(e.has_value()) << payload;
    EXPECT_EQ(e.error().code, ErrorCode::kMalformed);
  }
}

TEST(EventTest, AFunctionUrlEventIsToldFromAnApiGatewayOneByItsDomain) {
  const std::string common =
      R"({"version":"2.0","rawPath":"/v1/health","rawQueryString":"","headers":{},)";
  Result<Event> url = ParseEvent(
      common + R"("requestContext":{"domainName":"abcdefgh.lambda-url.eu-west-1.on.aws",)"
               R"("http":{"method":"GET"}}})");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->kind, EventKind::kHttpV2);
  EXPECT_TRUE(url->function_url);
  Result<Event> api = ParseEvent(
      common + R"("requestContext":{"domainName":"abc123.execute-api.eu-west-1.amazonaws.com",)"
               R"("http":{"method":"GET"}}})");
  ASSERT_TRUE(api.has_value());
  EXPECT_FALSE(api->function_url);
  Result<Event> rest = ParseEvent(
      R"({"httpMethod":"GET","path":"/v1/health","requestContext":{"domainName":"x.lambda-url.a.on.aws"}})");
  ASSERT_TRUE(rest.has_value());
  EXPECT_FALSE(rest->function_url);
}

// An ALB target event as AWS records it: the REST fields under requestContext.elb, and the query
// as the client sent it, which is decoded as the HTTP server decodes a query.
TEST(EventTest, AnAlbEventIsToldByRequestContextElbAndItsQueryIsDecoded) {
  const std::string elb =
      R"("requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:)"
      R"(123456789012:targetgroup/fareflow/6d0ecf831eec9f09"}},)";
  Result<Event> single = ParseEvent(
      "{" + elb +
      R"("httpMethod":"GET","path":"/v1/places","queryStringParameters":{"query":"new%20york",)"
      R"("city%20name":"san+jos%C3%A9","bad":"100%zz%"},"headers":{"accept":"*/*"},)"
      R"("body":"","isBase64Encoded":false})");
  ASSERT_TRUE(single.has_value());
  EXPECT_EQ(single->kind, EventKind::kAlb);
  EXPECT_EQ(single->method, "GET");
  EXPECT_EQ(single->path, "/v1/places");
  EXPECT_EQ(single->query, (std::vector<std::pair<std::string, std::string>>{
                               {"query", "new york"},
                               {"city name", "san jos\xC3\xA9"},
                               {"bad", "100%zz%"},  // kept as sent, as over HTTP
                           }));
  ASSERT_EQ(single->headers.size(), 1u);
  EXPECT_TRUE(single->problem.empty()) << single->problem;

  Result<Event> multi = ParseEvent(
      "{" + elb +
      R"("httpMethod":"GET","path":"/v1/searches/s1/offers",)"
      R"("multiValueQueryStringParameters":{"airlines":["BA%2CAA"],"departure_window":)"
      R"(["0%3A22%3A00-06%3A00","1%3A08%3A00-12%3A00"]},)"
      R"("multiValueHeaders":{"accept":["application/json"],"x-forwarded-for":["a","b"]},)"
      R"("body":"","isBase64Encoded":false})");
  ASSERT_TRUE(multi.has_value());
  EXPECT_EQ(multi->kind, EventKind::kAlbMultiValue);
  EXPECT_EQ(multi->query, (std::vector<std::pair<std::string, std::string>>{
                              {"airlines", "BA,AA"},
                              {"departure_window", "0:22:00-06:00"},
                              {"departure_window", "1:08:00-12:00"},
                          }));
  EXPECT_EQ(multi->headers.size(), 3u);

  // API Gateway decodes the query itself: its values are taken as they are.
  Result<Event> rest = ParseEvent(
      R"({"httpMethod":"GET","path":"/v1/places","queryStringParameters":{"query":"100%25"}})");
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(rest->kind, EventKind::kRestV1);
  ASSERT_EQ(rest->query.size(), 1u);
  EXPECT_EQ(rest->query[0].second, "100%25");
}

TEST(EventTest, AnAlbHealthCheckWithoutBodyOrQueryIsAGetOfItsPath) {
  Result<Event> e = ParseEvent(
      R"({"requestContext":{"elb":{"targetGroupArn":"arn:aws:elasticloadbalancing:eu-west-1:)"
      R"(123456789012:targetgroup/fareflow/6d0ecf831eec9f09"}},"httpMethod":"GET","path":"/",)"
      R"("headers":{"user-agent":"ELB-HealthChecker/2.0"},"isBase64Encoded":false})");
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->kind, EventKind::kAlb);
  EXPECT_EQ(e->method, "GET");
  EXPECT_EQ(e->path, "/");
  EXPECT_TRUE(e->query.empty());
  EXPECT_TRUE(e->body.empty());
  EXPECT_TRUE(e->problem.empty()) << e->problem;
}

}  // namespace
}  // namespace fareflow::lambda
