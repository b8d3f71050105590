#include "lambda/log_line.h"

#include <gtest/gtest.h>

namespace fareflow::lambda {
namespace {

TEST(LogLineTest, WritesOnlyTheFieldsARecordHas) {
  EXPECT_EQ(LogLine({.level = "warn", .message = "SSL_CERT_FILE=/x.pem: no such file"}),
            "{\"level\":\"warn\",\"message\":\"SSL_CERT_FILE=/x.pem: no such file\"}\n");
  EXPECT_EQ(
      LogLine({.level = "error",
               .message = "supplier refused by TLS",
               .supplier = "duffel",
               .host = "api.duffel.com",
               .error = "TLS: certificate verify failed: \"x\""}),
      "{\"level\":\"error\",\"message\":\"supplier refused by TLS\",\"supplier\":\"duffel\","
      "\"host\":\"api.duffel.com\",\"error\":\"TLS: certificate verify failed: \\\"x\\\"\"}\n");
}

}  // namespace
}  // namespace fareflow::lambda
