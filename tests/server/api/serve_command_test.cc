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
#include "support/run_command.h"

namespace fareflow::server {
namespace {

using testing_support::ChildProcess;
using testing_support::RunCommand;

// The port of the "listening on" line, reading past the lines before it; 0 when none came.
uint16_t ListeningPort(ChildProcess& process, std::vector<std::string>* before = nullptr) {
  const std::string prefix = "fareflow serve: listening on http://127.0.0.1:";
  for (int i = 0; i < 10; ++i) {
    const std::string line = process.ReadLine();
    if (line.empty()) return 0;
    if (line.rfind(prefix, 0) == 0)
      return static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));
    if (before != nullptr) before->push_back(line);
  }
  return 0;
}

std::string WriteTempFile(const std::string& name, const std::string& text) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

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
        // Bypassing the cache: identical searches would otherwise share one supplier call, and
        // the one with the shorter deadline, if it led, would end the other's wait with its own.
        RoundTripRequest(",\"cache\":\"bypass\",\"deadline_ms\":" + std::to_string(deadline_ms)),
        {}, std::chrono::seconds(30));
  });
}

// Regression: with searches queued behind a hung supplier, SIGTERM took 28 s, started the queued
// searches after the signal and logged answers that never reached a client.
// What `make run` starts (the default configuration: the built-in supplier alone, which answers
// any date) fills a price calendar.
TEST(ServeCommandTest, DefaultConfigurationFillsACalendar) {
  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0"});
  const uint16_t port = ListeningPort(process);
  ASSERT_NE(port, 0);
  const std::string body = R"({"origin":"MAD","destination":"LON","departure":{"from":")" +
                           DaysFromNow(30) + R"(","to":")" + DaysFromNow(36) +
                           R"("},"nights":{"min":3,"max":9},"mode":"fill"})";
  // 49 searches of the built-in supplier: under ThreadSanitizer they take seconds, not the
  // client's default 5.
  testing_support::TestResponse r =
      testing_support::Fetch(port, "POST", "/v1/calendars", body, {}, std::chrono::seconds(120));
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.status, 200) << r.body;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(r.body).get(doc)) << r.body;
  int64_t cells = 0, filled = 0;
  ASSERT_FALSE(doc["summary"]["coverage"]["cells"].get_int64().get(cells));
  ASSERT_FALSE(doc["summary"]["coverage"]["filled"].get_int64().get(filled));
  EXPECT_EQ(cells, 49);
  EXPECT_EQ(filled, 49);
  std::string_view supplier;
  ASSERT_FALSE(doc["cells"].at(0)["suppliers"].at(0)["name"].get_string().get(supplier));
  EXPECT_EQ(supplier, "builtin");
}

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

// Without keys the service says so on standard error before it listens.
TEST(ServeCommandTest, SaysOnStandardErrorThatTheApiIsOpen) {
  ChildProcess process(
      {"/bin/sh", "-c",
       std::string("exec ") + FAREFLOW_BINARY + " serve --port 0 --builtin-offers 50 2>&1"});
  std::vector<std::string> before;
  ASSERT_NE(ListeningPort(process, &before), 0);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_NE(before[0].find("the API is open"), std::string::npos) << before[0];
  EXPECT_EQ(process.Stop(), 0);
}

// A bad keys file stops the start with the file and the field named; nothing listens.
TEST(ServeCommandTest, InvalidKeysFileStopsTheStart) {
  const std::string path =
      WriteTempFile("fareflow_serve_bad_keys.json",
                    R"({"keys":[{"id":"k","name":"n","secret_sha256":"not a digest"}]})");
  const testing_support::CommandOutput out =
      RunCommand("FAREFLOW_API_KEYS_FILE=" + path + " " + FAREFLOW_BINARY + " serve --port 0 2>&1");
  std::remove(path.c_str());
  EXPECT_EQ(out.status, 2) << out.text;
  EXPECT_NE(out.text.find(path), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("/keys/0/secret_sha256"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("listening"), std::string::npos) << out.text;

  const std::string config = WriteTempFile("fareflow_serve_missing_keys.json",
                                           R"({"auth":{"api_keys_file":"/nonexistent/keys"}})");
  const testing_support::CommandOutput missing =
      RunCommand(std::string(FAREFLOW_BINARY) + " serve --port 0 --config " + config + " 2>&1");
  std::remove(config.c_str());
  EXPECT_EQ(missing.status, 2) << missing.text;
  EXPECT_NE(missing.text.find("/nonexistent/keys"), std::string::npos) << missing.text;
}

// A key minted by `fareflow keys new`, in a keys file written to `file_name`.
struct MintedKeyFile {
  std::string secret;  // empty when minting failed
  std::string path;
};

MintedKeyFile MintKeyFile(const std::string& file_name) {
  const testing_support::CommandOutput minted =
      RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name test 2>/dev/null");
  EXPECT_EQ(minted.status, 0) << minted.text;
  const std::size_t newline = minted.text.find('\n');
  if (minted.status != 0 || newline == std::string::npos) return {};
  std::string record = minted.text.substr(newline + 1);
  while (!record.empty() && record.back() == '\n') record.pop_back();
  return {minted.text.substr(0, newline),
          WriteTempFile(file_name, "{\"keys\": [\n  " + record + "\n]}\n")};
}

// A key minted by `fareflow keys new`, put in the file FAREFLOW_API_KEYS_FILE names, opens the
// API of `fareflow serve`; without it only /v1/health answers.
TEST(ServeCommandTest, MintedKeyOpensTheServedApi) {
  const MintedKeyFile key = MintKeyFile("fareflow_serve_keys.json");
  ASSERT_FALSE(key.secret.empty());
  const std::string& secret = key.secret;
  const std::string& path = key.path;

  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0", "--builtin-offers", "50"},
                       {.env = std::vector<std::string>{"FAREFLOW_API_KEYS_FILE=" + path}});
  const uint16_t port = ListeningPort(process);
  ASSERT_NE(port, 0);
  EXPECT_EQ(testing_support::Fetch(port, "GET", "/v1/health").status, 200);
  EXPECT_EQ(testing_support::Fetch(port, "POST", "/v1/searches", RoundTripRequest()).status, 401);
  testing_support::TestResponse search =
      testing_support::Fetch(port, "POST", "/v1/searches", RoundTripRequest(R"(,"limit":2)"),
                             {{"Authorization", "Bearer " + secret}});
  EXPECT_EQ(search.status, 200) << search.body;
  EXPECT_EQ(search.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(process.Stop(), 0);
  std::remove(path.c_str());
}

// With keys, the facade is served only to its configured client, which needs no key: an Amadeus
// SDK sends its bearer token alone. Without the facade's client it is off, and the start says so.
TEST(ServeCommandTest, BehindKeysTheFacadeTakesItsOwnClientsOrIsOff) {
  const MintedKeyFile key = MintKeyFile("fareflow_serve_facade_keys.json");
  ASSERT_FALSE(key.secret.empty());
  const std::string token_body =
      "grant_type=client_credentials&client_id=amadeus-app&client_secret=facade-secret";
  {
    ChildProcess process({"/bin/sh", "-c",
                          "FAREFLOW_API_KEYS_FILE=" + key.path + " exec " + FAREFLOW_BINARY +
                              " serve --port 0 --builtin-offers 50 2>&1"});
    std::vector<std::string> before;
    const uint16_t port = ListeningPort(process, &before);
    ASSERT_NE(port, 0);
    ASSERT_EQ(before.size(), 1u);
    EXPECT_NE(before[0].find("Amadeus-compatible routes"), std::string::npos) << before[0];
    EXPECT_NE(before[0].find("FAREFLOW_FACADE_CLIENT_ID"), std::string::npos) << before[0];
    testing_support::TestResponse token = testing_support::Fetch(
        port, "POST", "/v1/security/oauth2/token", token_body, {{"X-Api-Key", key.secret}});
    EXPECT_EQ(token.status, 404) << token.body;
    EXPECT_EQ(process.Stop(), 0);
  }
  ChildProcess process(
      {FAREFLOW_BINARY, "serve", "--port", "0", "--builtin-offers", "50"},
      {.env = std::vector<std::string>{"FAREFLOW_API_KEYS_FILE=" + key.path,
                                       "FAREFLOW_FACADE_CLIENT_ID=amadeus-app",
                                       "FAREFLOW_FACADE_CLIENT_SECRET=facade-secret"}});
  const uint16_t port = ListeningPort(process);
  ASSERT_NE(port, 0);
  testing_support::TestResponse token =
      testing_support::Fetch(port, "POST", "/v1/security/oauth2/token", token_body);
  ASSERT_EQ(token.status, 200) << token.body;
  simdjson::dom::parser parser;
  std::string_view access_token;
  ASSERT_FALSE(parser.parse(token.body)["access_token"].get_string().get(access_token));
  testing_support::TestResponse search = testing_support::Fetch(
      port, "GET",
      "/v2/shopping/flight-offers?originLocationCode=LON&destinationLocationCode=NYC&"
      "departureDate=" +
          DaysFromNow(40) + "&adults=1&max=2",
      "", {{"Authorization", "Bearer " + std::string(access_token)}});
  EXPECT_EQ(search.status, 200) << search.body.substr(0, 300);
  EXPECT_EQ(testing_support::Fetch(port, "POST", "/v1/searches", RoundTripRequest(),
                                   {{"Authorization", "Bearer " + std::string(access_token)}})
                .status,
            401)
      << "the facade's token is not an API key";
  EXPECT_EQ(process.Stop(), 0);
  std::remove(key.path.c_str());
}

// http.max_connections reaches the server, and /metrics counts what the cap did: two idle
// connections fill a cap of 2, so the /metrics request itself sheds the one idle longest.
TEST(ServeCommandTest, ConnectionCapIsConfiguredAndCounted) {
  const std::string config = testing::TempDir() + "fareflow_serve_connection_cap.json";
  std::ofstream(config) << R"({"http": {"max_connections": 2}})";
  ChildProcess process({FAREFLOW_BINARY, "serve", "--port", "0", "--config", config});
  const std::string line = process.ReadLine();
  const std::string prefix = "fareflow serve: listening on http://127.0.0.1:";
  ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
  const auto port = static_cast<uint16_t>(std::stoi(line.substr(prefix.size())));

  testing_support::TestHttpConnection first(port);
  testing_support::TestHttpConnection second(port);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // both accepted, both idle
  testing_support::TestResponse metrics = testing_support::Fetch(port, "GET", "/metrics");
  ASSERT_TRUE(metrics.ok()) << metrics.error;
  EXPECT_EQ(metrics.status, 200);
  for (const char* sample :
       {"\nfareflow_http_connections_max 2\n", "\nfareflow_http_connections_accepted_total 3\n",
        "\nfareflow_http_connections_shed_total 1\n",
        "\nfareflow_http_connections_refused_total 0\n"}) {
    EXPECT_NE(metrics.body.find(sample), std::string::npos) << sample << "\n" << metrics.body;
  }
  EXPECT_EQ(process.Stop(), 0);
}

}  // namespace
}  // namespace fareflow::server
