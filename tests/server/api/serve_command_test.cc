// `fareflow serve` as a user starts it: the real binary on a free loopback port, real HTTP; and
// how it stops on SIGTERM with searches running and waiting.

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "app/service_processes.h"
#include "support/api_test_server.h"
#include "support/child_process.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::ChildProcess;

TEST(ServeCommandTest, BinaryAnnouncesItsPortAndAnswers) {
  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0", "--builtin-offers", "200"});
  const std::string line = process.ReadLine();
  const std::string prefix = "fareflow serve: listening on http://127.0.0.1:";
  ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
  const auto port = static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));

  testing_support::TestResponse health = testing_support::Fetch(port, "GET", "/v1/health");
  ASSERT_TRUE(health.ok()) << health.error;
  EXPECT_EQ(health.status, 200);
  testing_support::TestResponse search =
      testing_support::Fetch(port, "POST", "/v1/searches", RoundTripRequest(R"(,"limit":2)"));
  EXPECT_EQ(search.status, 200) << search.body;
  EXPECT_FALSE(search.Header("Server-Timing").empty());
  EXPECT_EQ(process.Stop(), 0);
}

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using testing_support::TestResponse;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/" + name + "." + std::to_string(::getpid());
}

std::vector<std::string> FileLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::future<TestResponse> PostSearch(uint16_t port, int deadline_ms) {
  return std::async(std::launch::async, [port, deadline_ms] {
    return testing_support::Fetch(
        port, "POST", "/v1/searches",
        RoundTripRequest(",\"deadline_ms\":" + std::to_string(deadline_ms)), {},
        std::chrono::seconds(30));
  });
}

// Regression: with searches queued behind a hung supplier, SIGTERM took 28 s, started the queued
// searches after the signal and logged answers that never reached a client.
TEST(ServeCommandTest, SigtermAnswersQueuedSearches503AndExitsWithinTheGrace) {
  testing_support::SetEmulatorCredentials();
  testing_support::Server hung = testing_support::Emulator("duffel", {"--hang-rate", "1"});
  ASSERT_NE(hung.port, 0);
  const std::string config_path = TempPath("shutdown_config.json");
  const std::string log_path = TempPath("shutdown_search_log.jsonl");
  std::remove(log_path.c_str());
  constexpr milliseconds kGrace{2'000};
  {
    std::ofstream config(config_path);
    config << R"({"suppliers":[{"name":"hung","kind":"duffel","base_url":"http://127.0.0.1:)"
           << hung.port << R"(","token_env":"FF_TEST_DUFFEL_TOKEN","timeout_ms":60000}],)"
           << R"("search":{"search_threads":2,"max_deadline_ms":60000,"shutdown_grace_ms":)"
           << kGrace.count() << R"(},"search_log":")" << log_path << R"("})";
  }
  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config_path});
  const uint16_t port = testing_support::AnnouncedPort(process);
  ASSERT_NE(port, 0);

  // Both search threads busy: one search that outlives the grace, one answered within it (its
  // supplier times out first); two more wait in the queue.
  std::future<TestResponse> cut = PostSearch(port, 30'000);
  std::future<TestResponse> answered = PostSearch(port, 1'500);
  std::this_thread::sleep_for(milliseconds(300));
  std::future<TestResponse> queued_1 = PostSearch(port, 30'000);
  std::future<TestResponse> queued_2 = PostSearch(port, 30'000);
  std::this_thread::sleep_for(milliseconds(300));

  const auto signalled = Clock::now();
  process.Signal(SIGTERM);
  for (std::future<TestResponse>* queued : {&queued_1, &queued_2}) {
    const TestResponse r = queued->get();
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(ParseError(r.body).code, "shutting_down") << r.body;
    EXPECT_EQ(r.Header("Retry-After"), "1");
    EXPECT_LT(Clock::now() - signalled, milliseconds(500))
        << "queued searches are answered at once";
  }
  std::this_thread::sleep_for(milliseconds(100));
  EXPECT_FALSE(testing_support::Fetch(port, "GET", "/v1/health").ok())
      << "no new connection is accepted once stopping";

  ASSERT_TRUE(process.WaitExit(kGrace + milliseconds(1'500)))
      << "still running " << (kGrace + milliseconds(1'500)).count() << " ms after SIGTERM";
  EXPECT_GE(Clock::now() - signalled, kGrace - milliseconds(100))
      << "in-flight searches get the grace";
  EXPECT_EQ(process.Stop(), 0);

  const TestResponse in_time = answered.get();
  ASSERT_EQ(in_time.status, 200) << in_time.error << in_time.body;
  const TestResponse too_late = cut.get();
  EXPECT_FALSE(too_late.ok()) << "cut at the grace: " << too_late.status;

  // One line, for the one answer that was sent.
  const std::vector<std::string> lines = FileLines(log_path);
  ASSERT_EQ(lines.size(), 1u);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(in_time.body).get(doc)) << in_time.body;
  std::string_view id;
  ASSERT_FALSE(doc["search_id"].get_string().get(id));
  EXPECT_NE(lines[0].find(id), std::string::npos) << lines[0];
  std::remove(config_path.c_str());
  std::remove(log_path.c_str());
}

}  // namespace
}  // namespace fareflow::server
