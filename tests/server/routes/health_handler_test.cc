#include "server/routes/health_handler.h"

#include <gtest/gtest.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

TEST(HealthHandlerTest, AnswersOkWithVersion) {
  ApiTestServer server;
  testing_support::TestResponse r = testing_support::Fetch(server.port(), "GET", "/v1/health");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  EXPECT_EQ(r.body, R"({"status":"ok","version":"0.1.0"})");
}

TEST(HealthHandlerTest, EveryAnswerCarriesServerTimingErrorsIncluded) {
  ApiTestServer server;
  for (const char* path : {"/v1/health", "/v1/places?query=lon", "/no/such/route", "/metrics"}) {
    testing_support::TestResponse r = testing_support::Fetch(server.port(), "GET", path);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.Header("Server-Timing").rfind("total;dur=", 0), 0u)
        << path << ": " << r.Header("Server-Timing");
  }
}

}  // namespace
}  // namespace fareflow::server
