// `fareflow serve` as a user starts it: the real binary on a free loopback port, real HTTP.

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

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

// A key minted by `fareflow keys new`, put in the file FAREFLOW_API_KEYS_FILE names, opens the
// API of `fareflow serve`; without it only /v1/health answers.
TEST(ServeCommandTest, MintedKeyOpensTheServedApi) {
  const testing_support::CommandOutput minted =
      RunCommand(std::string(FAREFLOW_BINARY) + " keys new --name test 2>/dev/null");
  ASSERT_EQ(minted.status, 0) << minted.text;
  const std::size_t newline = minted.text.find('\n');
  ASSERT_NE(newline, std::string::npos) << minted.text;
  const std::string secret = minted.text.substr(0, newline);
  std::string record = minted.text.substr(newline + 1);
  while (!record.empty() && record.back() == '\n') record.pop_back();
  const std::string path =
      WriteTempFile("fareflow_serve_keys.json", "{\"keys\": [\n  " + record + "\n]}\n");

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

}  // namespace
}  // namespace fareflow::server
