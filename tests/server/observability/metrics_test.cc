// GET /metrics over real HTTP on loopback: whatever clients send, the scrape has a fixed set of
// series, so it cannot grow without limit.

#include "server/observability/metrics.h"

#include <cstddef>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::TestHttpConnection;
using testing_support::TestResponse;

// Sample lines of a scrape (comments left out).
std::size_t SeriesCount(std::string_view scrape) {
  std::size_t count = 0;
  std::size_t at = 0;
  while (at < scrape.size()) {
    std::size_t end = scrape.find('\n', at);
    if (end == std::string_view::npos) end = scrape.size();
    if (end > at && scrape[at] != '#') ++count;
    at = end + 1;
  }
  return count;
}

// One request of each kind the loop below sends: each made-up method on an unknown path, on a
// known path (405) and on a stored search's path (405, a pattern with a parameter).
void SendMadeUpRequests(TestHttpConnection& connection, int round) {
  const std::string n = std::to_string(round);
  const std::string method = "M" + n + std::string(64, 'X');
  for (const std::string& path :
       {"/made/up/" + n, std::string("/v1/health"), "/v1/searches/srch_" + n + "/offers"}) {
    const TestResponse r = connection.Fetch(method, path);
    ASSERT_TRUE(r.ok()) << r.error;
    ASSERT_GE(r.status, 400) << path;
  }
  const TestResponse unknown_path = connection.Fetch("GET", "/nowhere/" + n);
  ASSERT_EQ(unknown_path.status, 404);
  const TestResponse unknown_search = connection.Fetch("GET", "/v1/searches/srch_" + n + "/offers");
  ASSERT_EQ(unknown_search.status, 404);
}

// 2,000 requests with long made-up methods once took a scrape to 24 MB: each method was a label.
TEST(MetricsLabelsTest, MadeUpMethodsAndPathsAddNoSeries) {
  ApiTestServer server;
  TestHttpConnection connection(server.port());
  SendMadeUpRequests(connection, 0);
  ASSERT_EQ(connection.Fetch("GET", "/metrics").status, 200);  // counts the scrape itself
  const TestResponse before = connection.Fetch("GET", "/metrics");
  ASSERT_EQ(before.status, 200);

  for (int round = 1; round <= 1000; ++round) {
    SendMadeUpRequests(connection, round);
    if (HasFatalFailure()) return;
  }

  const TestResponse after = connection.Fetch("GET", "/metrics");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(SeriesCount(after.body), SeriesCount(before.body));
  // Only counts grow (a few digits each), never lines.
  EXPECT_LT(after.body.size(), before.body.size() + 1024) << after.body;
  EXPECT_EQ(after.body.find("M7XXX"), std::string::npos);
  EXPECT_EQ(after.body.find("/made/up"), std::string::npos);
  EXPECT_NE(after.body.find(R"(route="unmatched",method="other",status="404")"), std::string::npos)
      << after.body;
}

TEST(MetricsLabelsTest, MethodsFoldIntoAFixedSet) {
  for (std::string_view method : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    EXPECT_EQ(MethodLabel(method), method);
  }
  EXPECT_EQ(MethodLabel("get"), "other");
  EXPECT_EQ(MethodLabel("PROPFIND"), "other");
  EXPECT_EQ(MethodLabel(std::string(10000, 'A')), "other");
}

TEST(MetricsLabelsTest, StatusesFoldIntoAFixedSet) {
  EXPECT_EQ(StatusLabel(0), "0");
  EXPECT_EQ(StatusLabel(200), "200");
  EXPECT_EQ(StatusLabel(404), "404");
  EXPECT_EQ(StatusLabel(503), "503");
  EXPECT_EQ(StatusLabel(418), "4xx");
  EXPECT_EQ(StatusLabel(599), "5xx");
  EXPECT_EQ(StatusLabel(600), "other");
  EXPECT_EQ(StatusLabel(-1), "other");
}

TEST(MetricsLabelsTest, RoutesAreAddedPatternsOrUnmatchedOrOther) {
  Metrics metrics;
  metrics.AddRoute("/v1/searches/{id}/offers");
  metrics.RecordHttpRequest("/v1/searches/{id}/offers", "GET", 200, 0.001);
  metrics.RecordHttpRequest("unmatched", "GET", 404, 0.001);
  metrics.RecordHttpRequest("/v1/searches/srch_123/offers", "GET", 200, 0.001);
  EXPECT_EQ(metrics.http_requests().Value({"/v1/searches/{id}/offers", "GET", "200"}), 1);
  EXPECT_EQ(metrics.http_requests().Value({"unmatched", "GET", "404"}), 1);
  EXPECT_EQ(metrics.http_requests().Value({"other", "GET", "200"}), 1);
  EXPECT_EQ(metrics.Render().find("srch_123"), std::string::npos);
}

TEST(MetricsStreamsTest, StreamsAndClientsGoneAreCountedAndAlwaysShown) {
  Metrics metrics;
  EXPECT_NE(metrics.Render().find("\nfareflow_streams_total 0\n"), std::string::npos);
  EXPECT_NE(metrics.Render().find("\nfareflow_stream_clients_gone_total 0\n"), std::string::npos);
  metrics.RecordStream(false);
  metrics.RecordStream(true);
  EXPECT_EQ(metrics.streams(), 2u);
  EXPECT_EQ(metrics.stream_clients_gone(), 1u);
  EXPECT_NE(metrics.Render().find("\nfareflow_streams_total 2\n"), std::string::npos);
  EXPECT_NE(metrics.Render().find("\nfareflow_stream_clients_gone_total 1\n"), std::string::npos);
}

}  // namespace
}  // namespace fareflow::server
