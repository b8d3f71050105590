// The real `fareflow lambda` process answering Application Load Balancer target events, in the
// shapes AWS documents and records: single-value and multi-value headers, the health check,
// percent-encoded query values, a base64 body, and an answer over ALB's 1 MB.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>

#include "core/base64.h"
#include "lambda/lambda_runtime_fixture.h"
#include "lambda/lambda_test_events.h"
#include "lambda/proxy_answer.h"
#include "net/gzip.h"

namespace fareflow {
namespace {

using namespace testing_support::lambda_events;  // NOLINT: test vocabulary

class LambdaAlbTest : public testing_support::LambdaRuntimeTest {
 protected:
  // Queues `event` and reads the answer posted for it.
  ProxyAnswer Answer(const std::string& id, const std::string& event) {
    emulator_->Queue(id, event);
    const auto post = emulator_->WaitForPost(id, std::chrono::seconds(20));
    if (!post.has_value()) {
      ADD_FAILURE() << id << ": no answer posted";
      return {};
    }
    EXPECT_EQ(post->kind, "response") << id << ": " << post->body;
    posted_ = post->body;
    return ReadProxyAnswer(post->body);
  }
  std::string posted_;  // the last answer as posted
};

TEST_F(LambdaAlbTest, ASingleValueEventGetsHeadersAloneAStatusDescriptionAndADecodedQuery) {
  Start(WriteConfig());
  // ALB passes the query as the client sent it: "new%20york" means "new york".
  const ProxyAnswer places =
      Answer("alb-places", AlbEvent("GET", "/v1/places", R"("query":"new%20york","limit":"3")",
                                    R"("accept":"*/*","host":"fareflow-123.eu-west-1.elb.)"
                                    R"(amazonaws.com","x-forwarded-proto":"https")",
                                    ""));
  EXPECT_EQ(places.status, 200) << posted_;
  EXPECT_EQ(places.status_description, "200 OK") << posted_;
  EXPECT_TRUE(places.single_value_headers) << posted_;
  EXPECT_FALSE(places.multi_value_headers) << "ALB takes one form: " << posted_;
  EXPECT_FALSE(places.is_base64);
  EXPECT_EQ(places.content_type, "application/json");
  EXPECT_NE(places.body.find(R"("code":"NYC")"), std::string::npos) << places.body;

  // '+' is a space, as over HTTP.
  const ProxyAnswer plus =
      Answer("alb-plus", AlbEvent("GET", "/v1/places", R"("query":"new+york")", "", ""));
  EXPECT_NE(plus.body.find(R"("code":"NYC")"), std::string::npos) << plus.body;

  const ProxyAnswer missing = Answer("alb-404", AlbEvent("GET", "/v2/nothing", "", "", ""));
  EXPECT_EQ(missing.status, 404) << posted_;
  EXPECT_EQ(missing.status_description, "404 Not Found");
  const ProxyAnswer bad = Answer("alb-400", AlbEvent("GET", "/v1/places", R"("query":"")", "", ""));
  EXPECT_EQ(bad.status, 400) << posted_;
  EXPECT_EQ(bad.status_description, "400 Bad Request");
}

TEST_F(LambdaAlbTest, AMultiValueEventGetsMultiValueHeadersAloneAndEveryQueryValue) {
  Start(WriteConfig());
  const ProxyAnswer places = Answer(
      "alb-mv",
      AlbEvent("GET", "/v1/places", R"("query":["new%20york"],"limit":["2"])",
               R"("accept":["application/json"],"x-forwarded-for":["203.0.113.7","10.0.0.1"])", "",
               false, true));
  EXPECT_EQ(places.status, 200) << posted_;
  EXPECT_EQ(places.status_description, "200 OK");
  EXPECT_TRUE(places.multi_value_headers) << posted_;
  EXPECT_FALSE(places.single_value_headers) << "ALB takes one form: " << posted_;
  EXPECT_EQ(places.content_type, "application/json");
  EXPECT_NE(places.body.find(R"("code":"NYC")"), std::string::npos) << places.body;
}

TEST_F(LambdaAlbTest, TheDefaultHealthCheckOfSlashGetsTheSearchPageAsFareflowServeDoes) {
  Start(WriteConfig());
  const ProxyAnswer health = Answer("alb-health", AlbHealthCheckEvent());
  EXPECT_EQ(health.status, 200) << posted_;
  EXPECT_EQ(health.status_description, "200 OK");
  EXPECT_TRUE(health.content_type.starts_with("text/html")) << posted_;
  EXPECT_TRUE(health.body.starts_with("<!doctype html>")) << health.body.substr(0, 100);
  const ProxyAnswer multi = Answer("alb-health-mv", AlbHealthCheckEvent("/", true));
  EXPECT_EQ(multi.status, 200) << posted_;
  EXPECT_EQ(multi.status_description, "200 OK");
  EXPECT_TRUE(multi.multi_value_headers && !multi.single_value_headers) << posted_;
  EXPECT_TRUE(multi.content_type.starts_with("text/html")) << posted_;
  // A health check pointed at the health document gets it.
  const ProxyAnswer v1 = Answer("alb-health-v1", AlbHealthCheckEvent("/v1/health"));
  EXPECT_EQ(v1.status, 200) << posted_;
  EXPECT_NE(v1.body.find(R"("status":"ok")"), std::string::npos) << v1.body;
}

TEST_F(LambdaAlbTest, ASearchPostedWithABase64BodyIsAnswered) {
  Start(WriteConfig());
  // `curl -d @request.json` sends application/x-www-form-urlencoded, a type ALB passes base64.
  const ProxyAnswer search = Answer(
      "alb-search",
      AlbEvent("POST", "/v1/searches", "",
               R"("content-type":"application/x-www-form-urlencoded","user-agent":"curl/8.5.0")",
               EncodeBase64(RoundTrip()), true));
  EXPECT_EQ(search.status, 200) << posted_;
  EXPECT_EQ(search.status_description, "200 OK");
  EXPECT_NE(search.server_timing.find("suppliers;dur="), std::string::npos) << posted_;
  EXPECT_EQ(OfferCount(search.body), 5) << search.body.substr(0, 200);
}

// ALB answers 502 to a Lambda answer over 1 MB; the client gets the answer gzip-compressed when
// it accepts gzip, else an error that says what to ask for instead.
TEST_F(LambdaAlbTest, AnAnswerOverOneMegabyteIsGzippedWhenAcceptedAndOtherwiseAClearError) {
  Start(WriteConfig(R"(,{"name":"more","kind":"builtin","max_offers":2000})"));
  std::string all = RoundTrip();
  all.replace(all.find(R"("limit":5)"), 9, R"("limit":0)");

  const ProxyAnswer zipped = Answer("alb-gzip", AlbEvent("POST", "/v1/searches", "",
                                                         R"("content-type":"application/json",)"
                                                         R"("accept-encoding":"gzip, deflate, br")",
                                                         all));
  EXPECT_LE(posted_.size(), lambda::kAlbAnswerLimitBytes);
  EXPECT_EQ(zipped.status, 200) << posted_.substr(0, 300);
  EXPECT_TRUE(zipped.is_base64);
  EXPECT_EQ(zipped.content_encoding, "gzip");
  Result<std::string> bytes = DecodeBase64(zipped.body);
  ASSERT_TRUE(bytes.has_value());
  Result<std::string> json = net::GzipDecompress(*bytes);
  ASSERT_TRUE(json.has_value());
  EXPECT_GT(json->size(), lambda::kAlbAnswerLimitBytes);
  EXPECT_GT(OfferCount(*json), 200) << json->substr(0, 200);

  const ProxyAnswer refused = Answer(
      "alb-big", AlbEvent("POST", "/v1/searches", "", R"("content-type":"application/json")", all));
  EXPECT_LE(posted_.size(), lambda::kAlbAnswerLimitBytes);
  EXPECT_EQ(refused.status, 500) << posted_.substr(0, 300);
  EXPECT_EQ(refused.status_description, "500 Internal Server Error");
  EXPECT_NE(refused.body.find(R"("code":"answer_too_large")"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("1 MB"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("limit"), std::string::npos) << refused.body;
}

// docs/lambda.md: behind an ALB, search.max_answer_bytes 800000 keeps every page within 1 MB
// uncompressed, the escaping of the body into the answer's JSON included, in either form.
TEST_F(LambdaAlbTest, WithMaxAnswerBytesAt800000EveryPageFitsWithoutGzip) {
  const std::string config = (dir_ / "alb.json").string();
  std::ofstream(config) << R"({"search":{"max_answer_bytes":800000},"suppliers":[)"
                        << R"({"name":"builtin","kind":"builtin","max_offers":2000}]})";
  Start(config);
  std::string all = RoundTrip();
  all.replace(all.find(R"("limit":5)"), 9, R"("limit":0)");
  std::string compact = all;
  compact.insert(compact.size() - 1, R"(,"answer_form":"compact")");
  for (const auto& [id, request] :
       {std::pair<std::string, std::string>{"alb-full", all}, {"alb-compact", compact}}) {
    const ProxyAnswer page =
        Answer(id, AlbEvent("POST", "/v1/searches", "", R"("content-type":"application/json")",
                            request, false, true));
    EXPECT_EQ(page.status, 200) << id << ": " << posted_.substr(0, 300);
    EXPECT_FALSE(page.is_base64);
    EXPECT_LE(posted_.size(), lambda::kAlbAnswerLimitBytes);
    EXPECT_GT(posted_.size(), lambda::kAlbAnswerLimitBytes * 3 / 4);  // the bound was reached
    EXPECT_NE(page.body.find(R"("cut_by_byte_limit":true)"), std::string::npos);
  }
}

}  // namespace
}  // namespace fareflow
