// The work after a search's answer -- store, search log, metrics -- over real HTTP on loopback:
// it happens, and it never holds up the answer.

#include "server/post_response/post_response.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <latch>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

// A file name for this test process in the temporary directory, removed at the end.
class TempFile {
 public:
  explicit TempFile(const std::string& name)
      : path_(::testing::TempDir() + "/" + name + "." + std::to_string(::getpid())) {
    std::remove(path_.c_str());
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }
  std::vector<std::string> Lines() const {
    std::ifstream in(path_);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

 private:
  std::string path_;
};

struct Posted {
  std::string search_id;
  int64_t received = -1;
  int64_t matching = -1;
};

Posted ParsePosted(const std::string& body) {
  Posted out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  EXPECT_FALSE(parser.parse(body).get(doc)) << body;
  std::string_view id;
  EXPECT_FALSE(doc["search_id"].get_string().get(id));
  out.search_id = id;
  EXPECT_FALSE(doc["counts"]["received"].get_int64().get(out.received));
  EXPECT_FALSE(doc["counts"]["matching"].get_int64().get(out.matching));
  return out;
}

// Waits until the post-response work of the answer for `search_id`, just read, has run and the
// batch it ran in has been flushed. The server's only io thread hands that work to the housekeeper
// as the answer's last byte is written, so before it answers a later request.
void WaitFinished(ApiTestServer& server, const std::string& search_id) {
  ASSERT_EQ(Fetch(server.port(), "GET", "/v1/health").status, 200);
  server.runtime().housekeeper().Drain();
  ASSERT_NE(server.runtime().store().Find(search_id), nullptr);
}

TEST(PostResponseTest, SearchLogHasOneValidLinePerSearch) {
  TempFile log("search_log_lines.jsonl");
  ApiTestServer server(ApiTestServerOptions{.search_log_path = log.path()});
  std::vector<Posted> posted;
  for (int i = 0; i < 2; ++i) {
    TestResponse r = Fetch(server.port(), "POST", "/v1/searches",
                           RoundTripRequest(R"(,"limit":3,"currency":"USD")"));
    ASSERT_EQ(r.status, 200) << r.body;
    posted.push_back(ParsePosted(r.body));
    WaitFinished(server, posted.back().search_id);
  }
  const std::vector<std::string> lines = log.Lines();
  ASSERT_EQ(lines.size(), 2u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_FALSE(parser.parse(lines[i]).get(doc)) << lines[i];
    std::string_view id, time, status, currency, amount;
    EXPECT_FALSE(doc["search_id"].get_string().get(id));
    EXPECT_EQ(id, posted[i].search_id);
    EXPECT_FALSE(doc["time"].get_string().get(time));
    EXPECT_EQ(time.size(), 24u) << time;  // 2026-11-28T21:50:00.123Z
    int64_t received = -1, matching = -1, dropped = -1, deduplicated = -1;
    EXPECT_FALSE(doc["counts"]["received"].get_int64().get(received));
    EXPECT_FALSE(doc["counts"]["matching"].get_int64().get(matching));
    EXPECT_FALSE(doc["counts"]["dropped"].get_int64().get(dropped));
    EXPECT_FALSE(doc["counts"]["deduplicated"].get_int64().get(deduplicated));
    EXPECT_EQ(received, posted[i].received);
    EXPECT_EQ(matching, posted[i].matching);
    EXPECT_FALSE(doc["suppliers"].at(0)["status"].get_string().get(status));
    EXPECT_EQ(status, "ok");
    EXPECT_FALSE(doc["request"]["currency"].get_string().get(currency));
    EXPECT_EQ(currency, "USD");
    EXPECT_FALSE(doc["cheapest"]["currency"].get_string().get(currency));
    EXPECT_EQ(currency, "USD");
    EXPECT_FALSE(doc["cheapest"]["amount"].get_string().get(amount));
    double suppliers_ms = -1;
    EXPECT_FALSE(doc["timings_ms"]["suppliers"].get_double().get(suppliers_ms));
  }
  EXPECT_EQ(server.runtime().search_log()->write_errors(), 0u);
}

TEST(PostResponseTest, PostResponseWorkDoesNotDelayTheAnswer) {
  TempFile log("search_log_blocked.jsonl");
  ApiTestServer server(ApiTestServerOptions{.search_log_path = log.path()});
  // Everything after this task waits for the test; an answer that waited for its post-response
  // work would never arrive, and the client would time out.
  std::latch release(1);
  std::promise<void> blocking;
  server.runtime().housekeeper().Post([&] {
    blocking.set_value();
    release.wait();
  });
  blocking.get_future().wait();

  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest(R"(,"limit":3)"),
                         {}, std::chrono::seconds(30));
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  const Posted posted = ParsePosted(r.body);
  // The whole answer is here, and none of its post-response work has run; the search was put in
  // the store before the answer, so it can be refined already.
  EXPECT_TRUE(log.Lines().empty());
  EXPECT_NE(server.runtime().store().Find(posted.search_id), nullptr);
  EXPECT_EQ(Fetch(server.port(), "GET", "/v1/searches/" + posted.search_id + "/offers").status,
            200);

  release.count_down();
  WaitFinished(server, posted.search_id);
  const std::vector<std::string> lines = log.Lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find(posted.search_id), std::string::npos);
  EXPECT_EQ(Fetch(server.port(), "GET", "/v1/searches/" + posted.search_id + "/offers").status,
            200);
}

TEST(PostResponseTest, SearchLogWriteErrorsAreCountedNotFatal) {
  ApiTestServer server(ApiTestServerOptions{.search_log_path = "/dev/full"});
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  ASSERT_EQ(r.status, 200) << r.body;
  WaitFinished(server, ParsePosted(r.body).search_id);
  EXPECT_EQ(server.runtime().search_log()->write_errors(), 1u);
  TestResponse metrics = Fetch(server.port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("fareflow_search_log_write_errors_total 1\n"), std::string::npos)
      << metrics.body;
}

// Sample lines of a text-format answer, keyed by name and labels as written.
std::map<std::string, double> Samples(const std::string& text) {
  std::map<std::string, double> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.rfind(' ');
    out[line.substr(0, space)] = std::stod(line.substr(space + 1));
  }
  return out;
}

TEST(PostResponseTest, MetricsCountRequestsByRouteAndTheSearch) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", RoundTripRequest());
  ASSERT_EQ(r.status, 200);
  const Posted posted = ParsePosted(r.body);
  WaitFinished(server, posted.search_id);
  const std::string offers = "/v1/searches/" + posted.search_id + "/offers";
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Fetch(server.port(), "GET", offers).status, 200);
  ASSERT_EQ(Fetch(server.port(), "GET", "/v1/searches/srch_x/offers").status, 404);
  ASSERT_EQ(Fetch(server.port(), "GET", "/v1/health").status, 200);
  ASSERT_EQ(Fetch(server.port(), "GET", "/nowhere").status, 404);

  TestResponse m = Fetch(server.port(), "GET", "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.Header("Content-Type"), "text/plain; version=0.0.4");
  for (const char* family :
       {"fareflow_http_requests_total counter", "fareflow_http_request_duration_seconds histogram",
        "fareflow_search_stage_duration_seconds histogram",
        "fareflow_supplier_requests_total counter", "fareflow_supplier_duration_seconds histogram",
        "fareflow_offers_total counter", "fareflow_stored_searches gauge",
        "fareflow_stored_search_bytes gauge", "fareflow_search_log_write_errors_total counter"}) {
    EXPECT_NE(m.body.find(std::string("# TYPE ") + family + "\n"), std::string::npos) << family;
  }
  const std::map<std::string, double> samples = Samples(m.body);
  auto at = [&](const std::string& key) {
    auto it = samples.find(key);
    EXPECT_NE(it, samples.end()) << key << "\n" << m.body;
    return it == samples.end() ? -1 : it->second;
  };
  const std::string pattern = "/v1/searches/{id}/offers";
  EXPECT_EQ(at(R"(fareflow_http_requests_total{route="/v1/searches",method="POST",status="200"})"),
            1);
  EXPECT_EQ(
      at(R"(fareflow_http_requests_total{route=")" + pattern + R"(",method="GET",status="200"})"),
      3);
  EXPECT_EQ(
      at(R"(fareflow_http_requests_total{route=")" + pattern + R"(",method="GET",status="404"})"),
      1);
  EXPECT_EQ(at(R"(fareflow_http_requests_total{route="unmatched",method="GET",status="404"})"), 1);
  EXPECT_EQ(at(R"(fareflow_http_request_duration_seconds_count{route=")" + pattern + "\"}"), 4);
  EXPECT_EQ(
      at(R"(fareflow_http_request_duration_seconds_bucket{route=")" + pattern + R"(",le="+Inf"})"),
      4);
  EXPECT_EQ(at(R"(fareflow_offers_total{kind="received"})"), posted.received);
  EXPECT_EQ(at(R"(fareflow_supplier_requests_total{supplier="builtin",status="ok"})"), 1);
  EXPECT_EQ(at(R"(fareflow_search_stage_duration_seconds_count{stage="dedupe"})"), 1);
  EXPECT_EQ(at("fareflow_stored_searches"), 1);
  EXPECT_GT(at("fareflow_stored_search_bytes"), 0);
  // No raw search id anywhere in the labels.
  EXPECT_EQ(m.body.find(posted.search_id), std::string::npos);
}

}  // namespace
}  // namespace fareflow::server
