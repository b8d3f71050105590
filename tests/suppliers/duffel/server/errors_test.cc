#include "suppliers/duffel/server/errors.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/datetime.h"

namespace fareflow::duffel {
namespace {

std::string_view HeaderOf(const net::WireResponse& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (net::EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

TEST(DuffelFaultsTest, RateLimitedHasDuffelsEnvelopeAndHeaders) {
  const int64_t now = int64_t{DaysFromCivil(2026, 11, 28)} * 86400 + 12 * 3600;
  net::WireResponse r = DuffelRateLimited(30, now, 120);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(HeaderOf(r, "ratelimit-limit"), "120");
  EXPECT_EQ(HeaderOf(r, "ratelimit-remaining"), "0");
  EXPECT_EQ(HeaderOf(r, "ratelimit-reset"), "Sat, 28 Nov 2026 12:00:30 GMT");
  EXPECT_EQ(HeaderOf(r, "retry-after"), "30");
  EXPECT_NE(r.body.find(R"("type":"rate_limit_error")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("code":"rate_limit_exceeded")"), std::string::npos);
  EXPECT_NE(r.body.find(R"("status":429)"), std::string::npos);
  EXPECT_FALSE(HeaderOf(r, "x-request-id").empty());
  EXPECT_NE(DuffelRateLimited(1).body, r.body);  // request ids differ

  net::WireResponse e = DuffelApiError();
  EXPECT_EQ(e.status, 500);
  EXPECT_NE(e.body.find(R"("type":"api_error")"), std::string::npos);
  EXPECT_NE(e.body.find(R"("code":"internal_server_error")"), std::string::npos);
  EXPECT_NE(e.body.find(R"("documentation_url":"https://duffel.com/docs/api/overview/errors")"),
            std::string::npos);
}

}  // namespace
}  // namespace fareflow::duffel
