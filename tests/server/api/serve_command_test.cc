// `fareflow serve` as a user starts it: the real binary on a free loopback port, real HTTP.

#include <chrono>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include <gtest/gtest.h>

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
