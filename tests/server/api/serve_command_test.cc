// `fareflow serve` as a user starts it: the real binary on a free loopback port, real HTTP.

#include <memory>
#include <string>

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

}  // namespace
}  // namespace fareflow::server
