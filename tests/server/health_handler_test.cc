#include "server/health_handler.h"

#include <gtest/gtest.h>

#include "net/http_test_client.h"
#include "server/api_test_server.h"

namespace fareflow::server {
namespace {

TEST(HealthHandlerTest, AnswersOkWithVersion) {
  ApiTestServer server;
  net::TestResponse r = net::Fetch(server.port(), "GET", "/v1/health");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"status":"ok","version":"0.1.0"})");
}

}  // namespace
}  // namespace fareflow::server
