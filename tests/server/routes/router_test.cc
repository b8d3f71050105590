#include "server/routes/router.h"

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "server/observability/metrics.h"
#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

// Outside the Amadeus facade's paths: other /v1 paths are the facade's (unknown_paths_test.cc).
TEST(RouterTest, UnknownPathIs404) {
  ApiTestServer server;
  for (const char* path : {"/nowhere", "/v1/searches/srch_x/nowhere"}) {
    TestResponse r = Fetch(server.port(), "GET", path);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(ParseError(r.body).code, "not_found") << r.body;
  }
}

TEST(RouterTest, AMissAnswerWordsThe404And405OfThePathsItChooses) {
  Router router;
  router.Add("GET", "/other/x", [](std::shared_ptr<net::Exchange> e) { e->Respond({}); });
  router.SetMissAnswer(
      [](const net::WireRequest& request, int status) -> std::optional<net::WireResponse> {
        if (!request.path.starts_with("/other/")) return std::nullopt;
        net::WireResponse response;
        response.status = status;
        response.body = "other " + std::to_string(status);
        return response;
      });
  net::HttpServer server({}, [&](std::shared_ptr<net::Exchange> e) { router.Handle(e); });
  ASSERT_TRUE(server.Start().has_value());
  TestResponse r = Fetch(server.port(), "GET", "/other/y");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "other 404");
  r = Fetch(server.port(), "DELETE", "/other/x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body, "other 405");
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  r = Fetch(server.port(), "GET", "/mine");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ParseError(r.body).code, "not_found") << r.body;
  server.Stop();
}

TEST(RouterTest, KnownPathWithOtherMethodIs405ListingAllowed) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/health", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD");
  EXPECT_EQ(ParseError(r.body).code, "method_not_allowed") << r.body;
}

TEST(RouterTest, AllowListsEveryMethodOfThePath) {
  Router router;
  auto ok = [](std::shared_ptr<net::Exchange> e) { e->Respond({}); };
  router.Add("GET", "/x", ok);
  router.Add("PUT", "/x", ok);
  net::HttpServer server({}, [&](std::shared_ptr<net::Exchange> e) { router.Handle(e); });
  ASSERT_TRUE(server.Start().has_value());
  EXPECT_EQ(Fetch(server.port(), "GET", "/x").status, 200);
  TestResponse r = Fetch(server.port(), "DELETE", "/x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, HEAD, PUT");
  EXPECT_EQ(Fetch(server.port(), "GET", "/x/y").status, 404);
  server.Stop();
}

// HEAD is answered wherever GET is, over the wire: the same status and headers, the GET body's
// Content-Length, and no body (the next answer on the connection is read cleanly).
TEST(RouterTest, HeadAnswersLikeGetWithoutTheBody) {
  ApiTestServer server;
  testing_support::TestHttpConnection connection(server.port());
  ASSERT_TRUE(connection.WriteRaw("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestResponse get = connection.ReadResponse();
  ASSERT_TRUE(connection.WriteRaw("HEAD /v1/health HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestResponse head = connection.ReadResponse(/*head=*/true);
  ASSERT_TRUE(connection.WriteRaw("HEAD /v1/nowhere HTTP/1.1\r\nHost: x\r\n\r\n"));
  TestResponse unknown = connection.ReadResponse(/*head=*/true);
  ASSERT_TRUE(get.ok()) << get.error;
  ASSERT_TRUE(head.ok()) << head.error;
  ASSERT_TRUE(unknown.ok()) << unknown.error;
  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(head.status, get.status);
  EXPECT_EQ(head.Header("Content-Type"), get.Header("Content-Type"));
  EXPECT_EQ(head.Header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.raw_body, "");
  EXPECT_EQ(unknown.status, 404);  // HEAD where there is no GET is not invented
}

TEST(RouterTest, AnExplicitHeadRouteWinsOverGet) {
  Router router;
  router.Add("GET", "/x", [](std::shared_ptr<net::Exchange> e) { e->Respond({}); });
  router.Add("HEAD", "/x", [](std::shared_ptr<net::Exchange> e) {
    net::WireResponse response;
    response.status = 204;
    e->Respond(std::move(response));
  });
  net::HttpServer server({}, [&](std::shared_ptr<net::Exchange> e) { router.Handle(e); });
  ASSERT_TRUE(server.Start().has_value());
  EXPECT_EQ(Fetch(server.port(), "HEAD", "/x").status, 204);
  EXPECT_EQ(Fetch(server.port(), "DELETE", "/x").Header("Allow"), "GET, HEAD");
  server.Stop();
}

// A streamed answer goes through the router's wrappers: it carries the gate's headers, and is
// counted once, with the head's status.
TEST(RouterTest, AStreamedAnswerCarriesTheGatesHeadersAndIsCounted) {
  Metrics metrics;
  Router router(&metrics);
  router.SetGate([](const net::WireRequest&, std::string_view) {
    Admission admission;
    admission.headers.emplace_back("Access-Control-Allow-Origin", "https://app.example");
    return admission;
  });
  router.Add("GET", "/events", [](std::shared_ptr<net::Exchange> e) {
    net::WireResponse head;
    head.status = 200;
    head.content_type = "text/event-stream";
    std::shared_ptr<net::ResponseStream> stream = e->StartStream(std::move(head));
    ASSERT_NE(stream, nullptr);
    stream->Write("event: a\n\n");
    stream->End();
  });
  net::HttpServer server({}, [&](std::shared_ptr<net::Exchange> e) { router.Handle(e); });
  ASSERT_TRUE(server.Start().has_value());
  TestResponse r = Fetch(server.port(), "GET", "/events");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "event: a\n\n");
  EXPECT_EQ(r.Header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "https://app.example");
  EXPECT_FALSE(r.HasHeader("Server-Timing"));  // the head leaves before the work is done
  server.Stop();
  EXPECT_EQ(metrics.http_requests().Value({"/events", "GET", "200"}), 1);
}

}  // namespace
}  // namespace fareflow::server
