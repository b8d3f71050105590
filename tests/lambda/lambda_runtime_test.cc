// The real `fareflow lambda` process against a Runtime API emulator: the loop, the event shapes,
// start-up failure, a short invocation deadline and what happens between two invocations.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <simdjson.h>

#include "app/service_processes.h"
#include "lambda/lambda_runtime_fixture.h"
#include "lambda/lambda_test_events.h"
#include "lambda/runtime_api_emulator.h"
#include "support/canonical_json.h"
#include "support/child_process.h"
#include "support/http_test_server.h"

namespace fareflow {
namespace {

using testing_support::ChildProcess;
using testing_support::LambdaRuntimeTest;
using testing_support::RuntimeApiEmulator;
using namespace testing_support::lambda_events;  // NOLINT: test vocabulary

TEST_F(LambdaRuntimeTest, ApiGatewayV2SearchGetsAProxyAnswerWithTheSearchAndItsTimings) {
  Start(WriteConfig());
  emulator_->Queue("req-v2", V2Event("POST", "/v1/searches", RoundTrip()));
  const auto post = emulator_->WaitForPost("req-v2");
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->kind, "response") << post->body;
  const ProxyAnswer answer = ReadProxyAnswer(post->body);
  EXPECT_EQ(answer.status, 200) << post->body;
  EXPECT_EQ(answer.content_type, "application/json");
  EXPECT_NE(answer.server_timing.find("suppliers;dur="), std::string::npos);
  EXPECT_FALSE(answer.multi_value_headers);
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;

  // One Embedded Metric Format line per invocation on standard output.
  const std::string metric = runtime_->ReadLine();
  EXPECT_NE(metric.find(R"("CloudWatchMetrics":[{"Namespace":"fareflow")"), std::string::npos)
      << metric;
  EXPECT_NE(metric.find(R"("Route":"/v1/searches")"), std::string::npos) << metric;
  EXPECT_NE(metric.find(R"("RequestId":"req-v2")"), std::string::npos) << metric;
}

TEST_F(LambdaRuntimeTest, RestApiV1SearchWithABase64BodyGetsMultiValueHeaders) {
  Start(WriteConfig());
  const std::string event =
      R"({"resource":"/v1/searches","path":"/v1/searches","httpMethod":"POST",)"
      R"("headers":{"Content-Type":"application/json"},"queryStringParameters":null,)"
      R"("requestContext":{"stage":"prod"},"body":")" +
      EncodeBase64(RoundTrip()) + R"(","isBase64Encoded":true})";
  emulator_->Queue("req-v1", event);
  const auto post = emulator_->WaitForPost("req-v1");
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->kind, "response") << post->body;
  const ProxyAnswer answer = ReadProxyAnswer(post->body);
  EXPECT_EQ(answer.status, 200) << post->body;
  EXPECT_TRUE(answer.multi_value_headers);
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;
}

TEST_F(LambdaRuntimeTest, DirectInvocationAnswersTheSearchBodyItself) {
  Start(WriteConfig());
  emulator_->Queue("req-direct", RoundTrip());
  const auto post = emulator_->WaitForPost("req-direct");
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->kind, "response") << post->body;
  EXPECT_EQ(OfferCount(post->body), 5) << post->body;
}

// Lambda passes the event's headers to the same routes: the Accept profile or the body's
// answer_form asks for the compact form, and the proxy answer's Content-Type says so.
TEST_F(LambdaRuntimeTest, TheCompactFormIsAskedByTheAcceptProfileOrTheBody) {
  Start(WriteConfig());
  std::string event = V2Event("POST", "/v1/searches", RoundTrip());
  const std::string content_type = R"("content-type":"application/json")";
  event.replace(event.find(content_type), content_type.size(),
                content_type + R"(,"accept":"application/json; profile=\"compact\"")");
  emulator_->Queue("req-compact", event);
  const auto post = emulator_->WaitForPost("req-compact");
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->kind, "response") << post->body;
  const ProxyAnswer answer = ReadProxyAnswer(post->body);
  EXPECT_EQ(answer.status, 200) << post->body;
  EXPECT_EQ(answer.content_type, R"(application/json; profile="compact")");
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;
  EXPECT_NE(answer.body.find(R"("dictionaries":{"locations":{)"), std::string::npos);

  std::string direct = RoundTrip();
  direct.insert(direct.size() - 1, R"(,"answer_form":"compact")");
  emulator_->Queue("req-compact-direct", direct);
  const auto direct_post = emulator_->WaitForPost("req-compact-direct");
  ASSERT_TRUE(direct_post.has_value());
  ASSERT_EQ(direct_post->kind, "response") << direct_post->body;
  EXPECT_EQ(OfferCount(direct_post->body), 5) << direct_post->body;
  EXPECT_NE(direct_post->body.find(R"("dictionaries":{"locations":{)"), std::string::npos);
}

TEST_F(LambdaRuntimeTest, BadEventsGetA400ProxyAnswerOrAnErrorPostAndTheLoopGoesOn) {
  Start(WriteConfig());
  emulator_->Queue("req-noroute", R"({"version":"2.0","requestContext":{"http":{}}})");
  emulator_->Queue("req-garbage", "this is not json");
  emulator_->Queue("req-unknown", R"({"Records":[{"eventSource":"aws:sqs"}]})");
  emulator_->Queue("req-bad-search", V2Event("POST", "/v1/searches", R"({"slices":[]})"));
  emulator_->Queue("req-health", V2Event("GET", "/v1/health", ""));

  const auto noroute = emulator_->WaitForPost("req-noroute");
  ASSERT_TRUE(noroute.has_value());
  EXPECT_EQ(noroute->kind, "response");
  EXPECT_EQ(ReadProxyAnswer(noroute->body).status, 400) << noroute->body;

  for (const char* id : {"req-garbage", "req-unknown"}) {
    const auto post = emulator_->WaitForPost(id);
    ASSERT_TRUE(post.has_value()) << id;
    EXPECT_EQ(post->kind, "error") << id;
    EXPECT_EQ(post->error_type, "Runtime.InvalidEvent") << id;
    EXPECT_NE(post->body.find(R"("errorType":"Runtime.InvalidEvent")"), std::string::npos);
    EXPECT_NE(post->body.find(R"("stackTrace":[])"), std::string::npos);
  }

  const auto bad_search = emulator_->WaitForPost("req-bad-search");
  ASSERT_TRUE(bad_search.has_value());
  const ProxyAnswer bad = ReadProxyAnswer(bad_search->body);
  EXPECT_EQ(bad.status, 400) << bad_search->body;
  EXPECT_NE(bad.body.find("invalid_argument"), std::string::npos) << bad.body;

  const auto health = emulator_->WaitForPost("req-health");
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(ReadProxyAnswer(health->body).status, 200) << health->body;
}

TEST_F(LambdaRuntimeTest, ABadConfigurationIsReportedAsAnInitErrorAndTheProcessExits) {
  const std::string config = (dir_ / "broken.json").string();
  std::ofstream(config) << R"({"suppliers":[{"kind":"nonsense"}]})";
  Start(config);
  const auto post = emulator_->WaitForPost("");
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->kind, "init_error");
  EXPECT_EQ(post->error_type, "Runtime.InvalidConfig");
  EXPECT_NE(post->body.find("broken.json"), std::string::npos) << post->body;
  // Standard output closes when the process exits.
  while (!runtime_->ReadLine(std::chrono::seconds(5)).empty()) {
  }
  EXPECT_EQ(runtime_->Stop(), 2);
  for (const auto& call : emulator_->calls()) EXPECT_NE(call.kind, "next");
}

// Unsets the proxy variables a test set, however it ends.
struct ProxyVariables {
  ~ProxyVariables() {
    for (const char* name : {"HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"}) {
      ::unsetenv(name);
    }
  }
};

TEST_F(LambdaRuntimeTest, AnUnusableProxyIsAnInitErrorNamingTheVariableNotItsSecret) {
  ProxyVariables unset_after;
  ::setenv("HTTPS_PROXY", "https://svc:top-secret@proxy.corp:443", 1);
  Start(WriteConfig());
  const auto post = emulator_->WaitForPost("");
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(post->kind, "init_error");
  EXPECT_EQ(post->error_type, "Runtime.InvalidConfig");
  EXPECT_NE(post->body.find("HTTPS_PROXY: invalid proxy URL"), std::string::npos) << post->body;
  EXPECT_EQ(post->body.find("top-secret"), std::string::npos) << post->body;
  while (!runtime_->ReadLine(std::chrono::seconds(5)).empty()) {
  }
  EXPECT_EQ(runtime_->Stop(), 2);
}

TEST_F(LambdaRuntimeTest, TheRuntimeApiIsNeverReachedThroughTheSuppliersProxy) {
  ProxyVariables unset_after;
  // Nobody listens on port 1: a Runtime API call through the proxy would fail.
  ::setenv("HTTP_PROXY", "http://127.0.0.1:1", 1);
  ::setenv("HTTPS_PROXY", "http://127.0.0.1:1", 1);
  Start(WriteConfig());
  emulator_->Queue("req-health", V2Event("GET", "/v1/health", ""));
  const auto health = emulator_->WaitForPost("req-health");
  ASSERT_TRUE(health.has_value());
  EXPECT_EQ(ReadProxyAnswer(health->body).status, 200) << health->body;
}

TEST_F(LambdaRuntimeTest, AShortInvocationDeadlineCapsTheSearchAndStillAnswersInTime) {
  // A second supplier whose token endpoint never answers: without the cap the search would wait
  // the configured 10 s for it.
  StartEmulator();
  StartRuntime(WriteConfig(R"(,{"name":"stuck","kind":"amadeus","base_url":")" +
                           emulator_->base_url() +
                           R"(","client_id_env":"FF_TEST_AMADEUS_ID",)"
                           R"("client_secret_env":"FF_TEST_AMADEUS_SECRET"})"));
  ASSERT_TRUE(emulator_->WaitForNext(1));
  const auto queued = std::chrono::steady_clock::now();
  emulator_->Queue("req-short", V2Event("POST", "/v1/searches", RoundTrip()),
                   std::chrono::system_clock::now() + std::chrono::milliseconds(1000));
  const auto post = emulator_->WaitForPost("req-short", std::chrono::seconds(5));
  ASSERT_TRUE(post.has_value());
  EXPECT_LT(post->at - queued, std::chrono::milliseconds(1000));
  ASSERT_EQ(post->kind, "response") << post->body;
  const ProxyAnswer answer = ReadProxyAnswer(post->body);
  EXPECT_EQ(answer.status, 200) << post->body;
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;
  EXPECT_NE(answer.body.find(R"("partial":true)"), std::string::npos) << answer.body;
}

TEST_F(LambdaRuntimeTest, DuffelIsAskedToAnswerWithinTheInvocationsRemainingTime) {
  // A Duffel supplier configured for 8 s, in an invocation with 2.7 s left: Duffel must be asked
  // to answer within what is left. The stand-in records the `supplier_timeout` it was sent and
  // answers 503 (the built-in supplier still answers the search).
  std::atomic<int> asked{-1};
  auto duffel =
      testing_support::StartServer(net::Handler{[&asked](std::shared_ptr<net::Exchange> x) {
        if (const std::string* timeout = x->request().Query("supplier_timeout")) {
          asked = std::atoi(timeout->c_str());
        }
        x->Respond(testing_support::Text("busy", 503));
      }});
  ::setenv("FF_TEST_DUFFEL_TOKEN", "duffel_test_fareflow", 1);
  StartEmulator();
  StartRuntime(WriteConfig(R"(,{"name":"duffel","kind":"duffel","base_url":"http://127.0.0.1:)" +
                           std::to_string(duffel->port()) +
                           R"(","token_env":"FF_TEST_DUFFEL_TOKEN","timeout_ms":8000})"));
  ASSERT_TRUE(emulator_->WaitForNext(1));
  emulator_->Queue("req-late", V2Event("POST", "/v1/searches", RoundTrip()),
                   std::chrono::system_clock::now() + std::chrono::milliseconds(2700));
  const auto post = emulator_->WaitForPost("req-late", std::chrono::seconds(10));
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->kind, "response") << post->body;
  EXPECT_EQ(ReadProxyAnswer(post->body).status, 200) << post->body;
  EXPECT_GE(asked.load(), 2000);  // Duffel's least; below it Duffel would wait its default 20 s
  EXPECT_LE(asked.load(), 2450);
}

TEST_F(LambdaRuntimeTest, AsBootstrapWithoutArgumentsItIsTheRuntimeConfiguredFromTheEnvironment) {
  // Lambda runs the package's `bootstrap`, fareflow itself, with no arguments.
  const std::string bootstrap = (dir_ / "bootstrap").string();
  std::filesystem::create_symlink(FAREFLOW_BINARY, bootstrap);
  StartEmulator();
  ::setenv("AWS_LAMBDA_RUNTIME_API", emulator_->endpoint().c_str(), 1);
  ::setenv("FAREFLOW_CONFIG", WriteConfig().c_str(), 1);
  runtime_ = std::make_unique<ChildProcess>(std::vector<std::string>{bootstrap});
  ::unsetenv("FAREFLOW_CONFIG");
  emulator_->Queue("req-bootstrap", RoundTrip());
  const auto post = emulator_->WaitForPost("req-bootstrap");
  ASSERT_TRUE(post.has_value());
  EXPECT_EQ(OfferCount(post->body), 5) << post->body;
  ASSERT_TRUE(emulator_->WaitForNext(2));
  EXPECT_EQ(emulator_->calls()[2].watched_lines, 1u);  // the configured search log
}

TEST_F(LambdaRuntimeTest, PostResponseWorkIsDoneBeforeTheNextEventIsAskedFor) {
  Start(WriteConfig());
  ASSERT_TRUE(emulator_->WaitForNext(1));
  const auto init = emulator_->calls().front().at - started_at_;
  std::printf("start to first GET /next: %.1f ms\n",
              std::chrono::duration<double, std::milli>(init).count());
  emulator_->Queue("req-1", V2Event("POST", "/v1/searches", RoundTrip()));
  emulator_->Queue("req-2", RoundTrip());
  ASSERT_TRUE(emulator_->WaitForNext(3));

  const auto calls = emulator_->calls();
  ASSERT_GE(calls.size(), 5u);
  std::vector<std::string> order;
  for (const auto& c : calls) order.push_back(c.kind + ":" + c.request_id);
  EXPECT_EQ(order, (std::vector<std::string>{"next:", "response:req-1", "next:", "response:req-2",
                                             "next:"}));
  // Each search's log line was written by the time the runtime asked for the next event.
  EXPECT_EQ(calls[2].watched_lines, 1u);
  EXPECT_EQ(calls[4].watched_lines, 2u);
}

TEST_F(LambdaRuntimeTest, WithStreamingOnFunctionUrlAnswersStreamAndApiGatewayOnesDoNot) {
  ::setenv("FAREFLOW_LAMBDA_STREAMING", "1", 1);
  Start(WriteConfig());
  emulator_->Queue("req-url-search", FunctionUrlEvent("POST", "/v1/searches", RoundTrip()));
  emulator_->Queue("req-url-page", FunctionUrlEvent("GET", "/", ""));
  emulator_->Queue("req-apigw", V2Event("POST", "/v1/searches", RoundTrip()));

  // A search answered whole goes as a stream of one part: the prelude, then the JSON answer.
  const auto search = emulator_->WaitForPost("req-url-search");
  ASSERT_TRUE(search.has_value());
  ASSERT_EQ(search->kind, "response");
  EXPECT_EQ(search->response_mode, "streaming");
  EXPECT_EQ(search->content_type, "application/vnd.awslambda.http-integration-response");
  const StreamedBody answer = SplitPrelude(search->body);
  const ProxyAnswer prelude = ReadProxyAnswer(answer.prelude);
  EXPECT_EQ(prelude.status, 200) << answer.prelude;
  EXPECT_EQ(prelude.content_type, "application/json");
  EXPECT_NE(prelude.server_timing.find("suppliers;dur="), std::string::npos);
  EXPECT_EQ(OfferCount(answer.body), 5) << answer.body;
  EXPECT_TRUE(search->trailers.empty());

  // The search page too, with its own headers in the prelude.
  const auto page = emulator_->WaitForPost("req-url-page");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->response_mode, "streaming");
  ASSERT_EQ(page->parts.size(), 1u);
  const StreamedBody html = SplitPrelude(page->body);
  const ProxyAnswer page_prelude = ReadProxyAnswer(html.prelude);
  EXPECT_EQ(page_prelude.status, 200) << html.prelude;
  EXPECT_TRUE(page_prelude.content_type.starts_with("text/html")) << html.prelude;
  EXPECT_NE(html.prelude.find(R"("ETag":)"), std::string::npos) << html.prelude;
  EXPECT_TRUE(html.body.starts_with("<!doctype html>")) << html.body.substr(0, 100);

  // API Gateway cannot take a stream: its answer is posted whole, as without streaming.
  const auto apigw = emulator_->WaitForPost("req-apigw");
  ASSERT_TRUE(apigw.has_value());
  EXPECT_FALSE(apigw->chunked);
  EXPECT_EQ(apigw->response_mode, "");
  EXPECT_EQ(OfferCount(ReadProxyAnswer(apigw->body).body), 5) << apigw->body;
}

TEST_F(LambdaRuntimeTest, AStreamedSearchToAFunctionUrlSendsItsEventsAsChunksOverTime) {
  // The built-in supplier answers at once, the Amadeus emulator 600 ms later.
  testing_support::Server amadeus = testing_support::Emulator("amadeus", {"--latency-ms", "600"});
  ASSERT_NE(amadeus.port, 0);
  ::setenv("FAREFLOW_LAMBDA_STREAMING", "1", 1);
  Start(WriteConfig(R"(,{"name":"amadeus-emu","kind":"amadeus","base_url":"http://127.0.0.1:)" +
                    std::to_string(amadeus.port) +
                    R"(","client_id_env":"FF_TEST_AMADEUS_ID",)"
                    R"("client_secret_env":"FF_TEST_AMADEUS_SECRET","max_offers":50})"));
  emulator_->Queue("req-sse", FunctionUrlEvent("POST", "/v1/searches", RoundTrip(),
                                               R"("accept":"text/event-stream")"));
  const auto post = emulator_->WaitForPost("req-sse", std::chrono::seconds(15));
  ASSERT_TRUE(post.has_value());
  ASSERT_EQ(post->response_mode, "streaming");
  ASSERT_GE(post->parts.size(), 2u);
  const StreamedBody streamed = SplitPrelude(post->body);
  const ProxyAnswer prelude = ReadProxyAnswer(streamed.prelude);
  EXPECT_EQ(prelude.status, 200) << streamed.prelude;
  ASSERT_EQ(prelude.content_type, "text/event-stream") << streamed.prelude;
  EXPECT_TRUE(SplitPrelude(post->parts[0].bytes).body.empty()) << "the prelude goes first, alone";

  // The events in order, and when the part holding each arrived.
  std::vector<std::string> names;
  std::string done_data;
  std::chrono::steady_clock::time_point first_supplier_at, done_at;
  for (std::size_t p = 1; p < post->parts.size(); ++p) {
    std::istringstream lines(post->parts[p].bytes);
    for (std::string line; std::getline(lines, line);) {
      if (line.starts_with("event: ")) {
        names.push_back(line.substr(7));
        if (names.back() == "supplier" && names.size() == 1) first_supplier_at = post->parts[p].at;
        if (names.back() == "done") done_at = post->parts[p].at;
      } else if (line.starts_with("data: ") && !names.empty() && names.back() == "done") {
        done_data = line.substr(6);
      }
    }
  }
  ASSERT_GE(names.size(), 4u) << post->body;
  EXPECT_EQ(names.front(), "supplier");
  EXPECT_EQ(names.back(), "done");
  EXPECT_EQ(std::count(names.begin(), names.end(), "supplier"), 2);
  EXPECT_GE(std::count(names.begin(), names.end(), "results"), 1);
  // The first supplier's event went out while the other was still being waited for.
  EXPECT_GT(done_at - first_supplier_at, std::chrono::milliseconds(400));
  EXPECT_TRUE(post->trailers.empty());

  // `done` is the JSON answer the same search gets without the header (here as a stream of one
  // part), but for what differs run to run (the second takes Amadeus's answer from the cache).
  EXPECT_EQ(OfferCount(done_data), 5) << done_data;
  emulator_->Queue("req-whole", FunctionUrlEvent("POST", "/v1/searches", RoundTrip()));
  const auto whole = emulator_->WaitForPost("req-whole", std::chrono::seconds(15));
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(OfferCount(SplitPrelude(whole->body).body), 5) << whole->body;
  const std::set<std::string, std::less<>> varying = {
      "search_id", "expires_at", "timings_ms", "ms", "age_s", "next_cursor", "cache"};
  EXPECT_EQ(testing_support::CanonicalJson(done_data, varying),
            testing_support::CanonicalJson(SplitPrelude(whole->body).body, varying));
}

}  // namespace
}  // namespace fareflow
