// `fareflow serve` answering POST /v1/searches as Server-Sent Events while the real
// `fareflow-supplier` emulators answer at different latencies: events come as suppliers finish,
// the first results long before the slowest supplier, read raw as `curl -N` reads them.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <simdjson.h>

#include "app/service_processes.h"
#include "support/canonical_json.h"
#include "support/http_test_client.h"
#include "support/stream_test_client.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using testing_support::CanonicalJson;
using testing_support::DaysFromNow;
using testing_support::Emulator;
using testing_support::Fetch;
using testing_support::Server;
using testing_support::SetEmulatorCredentials;
using testing_support::SseEvent;
using testing_support::StreamTestClient;
using testing_support::TestResponse;

constexpr int kFastMs = 100;   // Duffel
constexpr int kSlowMs = 1200;  // Amadeus

class LiveStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fareflow-stream-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    SetEmulatorCredentials();
    amadeus_.emplace(Emulator("amadeus", {"--latency-ms", std::to_string(kSlowMs)}));
    duffel_.emplace(Emulator("duffel", {"--latency-ms", std::to_string(kFastMs)}));
    ASSERT_NE(amadeus_->port, 0);
    ASSERT_NE(duffel_->port, 0);
    const std::string config = (dir_ / "fareflow.json").string();
    std::ofstream(config) << R"({"search":{"default_deadline_ms":10000},"suppliers":[
      {"name":"amadeus-emu","kind":"amadeus","base_url":"http://127.0.0.1:)"
                          << amadeus_->port << R"(","client_id_env":"FF_TEST_AMADEUS_ID",
       "client_secret_env":"FF_TEST_AMADEUS_SECRET","max_offers":120},
      {"name":"duffel-emu","kind":"duffel","base_url":"http://127.0.0.1:)"
                          << duffel_->port
                          << R"(","token_env":"FF_TEST_DUFFEL_TOKEN","max_offers":150}]})";
    service_.emplace(Server({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config}));
    ASSERT_NE(service_->port, 0) << "fareflow serve --config did not start";
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(dir_);
  }

  uint16_t port() const { return service_->port; }

  std::filesystem::path dir_;
  std::optional<Server> amadeus_, duffel_, service_;
};

std::string StreamRoundTrip() {
  return R"({"slices":[{"origin":"LHR","destination":"JFK","departure_date":")" + DaysFromNow(30) +
         R"("},{"origin":"JFK","destination":"LHR","departure_date":")" + DaysFromNow(37) +
         R"("}],"passengers":{"adults":1},"limit":10})";
}

// The cache source of each supplier of a JSON answer, "name=source" in order.
std::string CacheSources(const std::string& body) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array suppliers;
  std::string out;
  if (parser.parse(body).get(doc) || doc["suppliers"].get_array().get(suppliers)) return out;
  for (simdjson::dom::element s : suppliers) {
    std::string_view name, source;
    if (s["name"].get_string().get(name) || s["cache"]["source"].get_string().get(source)) continue;
    out += std::string(name) + "=" + std::string(source) + " ";
  }
  return out;
}

// What must not differ between a live answer and the same answer from the cache.
std::string Content(std::string_view answer) {
  return CanonicalJson(
      answer, {"search_id", "expires_at", "timings_ms", "ms", "age_s", "next_cursor", "cache"});
}

TEST_F(LiveStreamTest, EventsComeAsSuppliersFinishAndTheFirstResultsLongBeforeTheSlowest) {
  StreamTestClient client(port());
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.Post("/v1/searches", StreamRoundTrip(), "Accept: text/event-stream\r\n"));
  ASSERT_TRUE(client.ReadHead());
  ASSERT_EQ(client.status(), 200);
  std::vector<SseEvent> events;
  while (std::optional<SseEvent> event = client.NextEvent(std::chrono::seconds(30))) {
    events.push_back(*std::move(event));
  }
  EXPECT_EQ(client.last_read(), StreamTestClient::Read::kEnd);
  std::vector<std::string> names;
  for (const SseEvent& e : events) names.push_back(e.name);
  ASSERT_EQ(names,
            (std::vector<std::string>{"supplier", "results", "supplier", "results", "done"}));
  EXPECT_EQ(testing_support::JsonStringField(events[0].data, "name"), "duffel-emu");
  EXPECT_EQ(testing_support::JsonStringField(events[2].data, "name"), "amadeus-emu");

  // The fast supplier's results come about (slow - fast) before the slow supplier's event. Only
  // the gap between the two is asserted, and half of it: sanitizers slow both sides alike.
  const auto first_results = events[1].arrived;
  const auto slow_supplier = events[2].arrived;
  EXPECT_GT(slow_supplier - first_results, milliseconds((kSlowMs - kFastMs) / 2))
      << "first results after "
      << std::chrono::duration_cast<milliseconds>(first_results - sent).count()
      << " ms, the slow supplier after "
      << std::chrono::duration_cast<milliseconds>(slow_supplier - sent).count() << " ms";

  // `done` is the JSON answer: the same request again, once its answers are in the cache.
  TestResponse json;
  for (int i = 0; i < 500; ++i) {  // stored off the search's path: a moment later
    json = Fetch(port(), "POST", "/v1/searches", StreamRoundTrip());
    if (CacheSources(json.body) == "amadeus-emu=cache duffel-emu=cache ") break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_EQ(json.status, 200) << json.body;
  ASSERT_EQ(CacheSources(json.body), "amadeus-emu=cache duffel-emu=cache ");
  EXPECT_EQ(Content(events[4].data), Content(json.body));

  const std::string id = testing_support::JsonStringField(events[4].data, "search_id");
  TestResponse page = Fetch(port(), "GET", "/v1/searches/" + id + "/offers?limit=5");
  EXPECT_EQ(page.status, 200) << page.body;
}

TEST_F(LiveStreamTest, AClientThatLeavesMidStreamIsCountedAndTheServiceServesOn) {
  {
    StreamTestClient client(port());
    ASSERT_TRUE(client.Post("/v1/searches", StreamRoundTrip(), "Accept: text/event-stream\r\n"));
    ASSERT_TRUE(client.ReadHead());
    std::optional<SseEvent> first = client.NextEvent(std::chrono::seconds(30));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->name, "supplier");
  }  // gone while the slow supplier is still to answer
  std::string scrape;
  for (int i = 0; i < 500; ++i) {
    scrape = Fetch(port(), "GET", "/metrics").body;
    if (scrape.find("\nfareflow_stream_clients_gone_total 1\n") != std::string::npos) break;
    std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_NE(scrape.find("\nfareflow_stream_clients_gone_total 1\n"), std::string::npos);
  EXPECT_NE(scrape.find("\nfareflow_streams_total 1\n"), std::string::npos);
  EXPECT_EQ(Fetch(port(), "GET", "/v1/health").status, 200);
  TestResponse again = Fetch(port(), "POST", "/v1/searches", StreamRoundTrip());
  EXPECT_EQ(again.status, 200) << again.body;
}

}  // namespace
}  // namespace fareflow
