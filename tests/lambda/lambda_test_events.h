#ifndef FAREFLOW_TESTS_LAMBDA_LAMBDA_TEST_EVENTS_H_
#define FAREFLOW_TESTS_LAMBDA_LAMBDA_TEST_EVENTS_H_

// Events the Lambda tests hand to the runtime (a search, an API Gateway v2 event) and readers of
// what it posts back (a proxy answer, the offers of a v1 answer).

#include <cstdint>
#include <string>

#include <simdjson.h>

#include "core/base64.h"
#include "support/dates.h"

namespace fareflow::testing_support::lambda_events {

using testing_support::DaysFromNow;

inline std::string RoundTrip() {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("},{"origin":"JFK","destination":"LHR","departure_date":")" + DaysFromNow(37) +
         R"("}],"passengers":{"adults":1},"limit":5})";
}

// `text` as a JSON string literal; the search requests here hold no backslashes or controls.
inline std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

inline std::string V2Event(const std::string& method, const std::string& path,
                           const std::string& body) {
  return R"({"version":"2.0","routeKey":"$default","rawPath":")" + path +
         R"(","rawQueryString":"","headers":{"content-type":"application/json"},)"
         R"("requestContext":{"http":{"method":")" +
         method + R"(","path":")" + path + R"("}},"body":)" + Quoted(body) +
         R"(,"isBase64Encoded":false})";
}

// An event from a Lambda function URL (payload 2.0, as API Gateway's, but for the domain), with
// `headers` a JSON object's members ("\"accept\":\"text/event-stream\"").
inline std::string FunctionUrlEvent(const std::string& method, const std::string& path,
                                    const std::string& body, const std::string& headers = "") {
  return R"({"version":"2.0","routeKey":"$default","rawPath":")" + path +
         R"(","rawQueryString":"","headers":{"content-type":"application/json")" +
         (headers.empty() ? "" : "," + headers) +
         R"(},"requestContext":{"accountId":"anonymous","apiId":"abcdefgh",)"
         R"("domainName":"abcdefgh.lambda-url.eu-west-1.on.aws","domainPrefix":"abcdefgh",)"
         R"("http":{"method":")" +
         method + R"(","path":")" + path +
         R"(","protocol":"HTTP/1.1"},"stage":"$default"},)"
         R"("body":)" +
         Quoted(body) + R"(,"isBase64Encoded":false})";
}

// The target group every ALB event here comes from.
inline constexpr const char* kTargetGroupArn =
    "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/fareflow/6d0ecf831eec9f09";

// An Application Load Balancer target event as AWS documents it (and records it): the target
// group under requestContext.elb, httpMethod, path, the query values as the client sent them
// (still percent-encoded), lower-case header names, the body and isBase64Encoded. `query` and
// `headers` are a JSON object's members; with `multi_value` (the target group's
// lambda.multi_value_headers.enabled) they go under multiValueQueryStringParameters and
// multiValueHeaders, and each value must be an array.
inline std::string AlbEvent(const std::string& method, const std::string& path,
                            const std::string& query, const std::string& headers,
                            const std::string& body, bool base64 = false,
                            bool multi_value = false) {
  const std::string query_key =
      multi_value ? "multiValueQueryStringParameters" : "queryStringParameters";
  const std::string headers_key = multi_value ? "multiValueHeaders" : "headers";
  return R"({"requestContext":{"elb":{"targetGroupArn":")" + std::string(kTargetGroupArn) +
         R"("}},"httpMethod":")" + method + R"(","path":")" + path + R"(",")" + query_key +
         R"(":{)" + query + R"(},")" + headers_key + R"(":{)" + headers + R"(},"body":)" +
         Quoted(body) + R"(,"isBase64Encoded":)" + (base64 ? "true" : "false") + "}";
}

// ALB's health check of a Lambda target as it arrives with the default settings: GET of the
// health check path (default "/"), no query, the ELB-HealthChecker/2.0 user agent alone, an
// empty body; in the multi-value forms when the target group has them on.
inline std::string AlbHealthCheckEvent(const std::string& path = "/", bool multi_value = false) {
  return R"({"requestContext":{"elb":{"targetGroupArn":")" + std::string(kTargetGroupArn) +
         R"("}},"httpMethod":"GET","path":")" + path + R"(",)" +
         (multi_value
              ? R"("multiValueQueryStringParameters":{},)"
                R"("multiValueHeaders":{"user-agent":["ELB-HealthChecker/2.0"]},)"
              : R"("queryStringParameters":{},"headers":{"user-agent":"ELB-HealthChecker/2.0"},)") +
         R"("body":"","isBase64Encoded":false})";
}

// A streamed answer's body split at the prelude's eight NULs: the prelude's JSON and the rest;
// the prelude is empty when there are no NULs.
struct StreamedBody {
  std::string prelude;
  std::string body;
};

inline StreamedBody SplitPrelude(const std::string& streamed) {
  const std::size_t nuls = streamed.find(std::string(8, '\0'));
  if (nuls == std::string::npos) return {"", streamed};
  return {streamed.substr(0, nuls), streamed.substr(nuls + 8)};
}

// A proxy answer's status, a few headers and body; status 0 when it is not one. Headers are read
// from "headers", or from "multiValueHeaders" (the first value) when the answer has only those.
struct ProxyAnswer {
  int64_t status = 0;
  std::string status_description;  // an ALB answer's "statusDescription"
  std::string server_timing;
  std::string content_type;
  std::string content_encoding;
  std::string body;  // as posted: base64 when is_base64
  bool is_base64 = false;
  bool single_value_headers = false;  // has "headers"
  bool multi_value_headers = false;   // has "multiValueHeaders"
};

inline ProxyAnswer ReadProxyAnswer(const std::string& json) {
  ProxyAnswer a;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view text;
  if (parser.parse(json).get(doc) || doc["statusCode"].get_int64().get(a.status)) return {};
  if (!doc["statusDescription"].get_string().get(text)) a.status_description = text;
  simdjson::dom::object single;
  simdjson::dom::object multi;
  a.single_value_headers = !doc["headers"].get_object().get(single);
  a.multi_value_headers = !doc["multiValueHeaders"].get_object().get(multi);
  auto header = [&](const char* name) -> std::string {
    if (a.single_value_headers) {
      return single[name].get_string().get(text) ? std::string() : std::string(text);
    }
    if (a.multi_value_headers) {
      return multi[name].at(0).get_string().get(text) ? std::string() : std::string(text);
    }
    return {};
  };
  a.server_timing = header("Server-Timing");
  a.content_type = header("Content-Type");
  a.content_encoding = header("Content-Encoding");
  if (!doc["body"].get_string().get(text)) a.body = text;
  if (doc["isBase64Encoded"].get_bool().get(a.is_base64)) a.is_base64 = false;
  return a;
}

// The offers on a v1 search answer's page; -1 when it is not one.
inline int64_t OfferCount(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array offers;
  std::string_view id;
  if (parser.parse(body).get(doc) || doc["offers"].get_array().get(offers) ||
      doc["search_id"].get_string().get(id)) {
    return -1;
  }
  return static_cast<int64_t>(offers.size());
}

}  // namespace fareflow::testing_support::lambda_events

#endif  // FAREFLOW_TESTS_LAMBDA_LAMBDA_TEST_EVENTS_H_
