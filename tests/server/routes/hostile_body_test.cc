// Request bodies built to hurt a JSON reader -- nesting far past any sane depth, an object with a
// hundred thousand members, megabytes of escapes, bytes that are not UTF-8 -- are each one 400
// invalid_argument, and the server answers the next request as if nothing happened.

#include <gtest/gtest.h>

#include <string>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

struct HostileBody {
  const char* name;
  std::string (*body)();
};

class HostileBodyTest : public testing::TestWithParam<HostileBody> {};

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  out.reserve(piece.size() * static_cast<std::size_t>(times));
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

const HostileBody kHostileBodies[] = {
    {"ArraysNestedHalfAMillionDeep", [] { return Repeat("[", 500'000); }},
    {"NestingInsideAField",
     [] { return "{\"slices\":" + Repeat("[", 200'000) + Repeat("]", 200'000) + "}"; }},
    {"ObjectsNestedDeepAndClosed",
     [] { return Repeat("{\"a\":", 100'000) + "1" + Repeat("}", 100'000); }},
    {"NinetyThousandMembers",
     [] {
       std::string body = "{";
       for (int i = 0; i < 90'000; ++i) body += "\"k" + std::to_string(i) + "\":0,";
       body.back() = '}';
       return body;
     }},
    {"NinetyThousandRepeatsOfOneMember",
     [] { return "{" + Repeat("\"limit\":1,", 90'000) + "\"sort\":1}"; }},
    {"MegabyteOfEscapes", [] { return "{\"currency\":\"" + Repeat("\\u0000", 160'000) + "\"}"; }},
    {"NotUtf8", [] { return std::string("{\"currency\":\"\xff\xfe\xc0\x80\"}"); }},
    {"NulBytesBetweenMembers", [] { return std::string("{\"limit\":5,\0\0\"sort\":1}", 23); }},
    {"NumberOfTenThousandDigits", [] { return "{\"limit\":" + Repeat("9", 10'000) + "}"; }},
};

TEST_P(HostileBodyTest, Is400AndTheServerGoesOn) {
  ApiTestServer server(20);
  const std::string body = GetParam().body();
  ASSERT_LE(body.size(), std::size_t{1} << 20) << "within the body limit, so the parser sees it";
  TestResponse r = Fetch(server.port(), "POST", "/v1/searches", body);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  EXPECT_EQ(ParseError(r.body).code, "invalid_argument") << r.body.substr(0, 300);
  EXPECT_LT(r.body.size(), 4096u) << "an error echoes a bounded part of what it was sent";
  TestResponse health = Fetch(server.port(), "GET", "/v1/health");
  ASSERT_TRUE(health.ok()) << health.error;
  EXPECT_EQ(health.status, 200);
}

// The price calendar reads its body with the same reader, and must refuse the same bodies.
TEST_P(HostileBodyTest, CalendarRouteIs400AndTheServerGoesOn) {
  ApiTestServer server(20);
  const std::string body = GetParam().body();
  TestResponse r = Fetch(server.port(), "POST", "/v1/calendars", body);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 400) << r.body.substr(0, 300);
  EXPECT_EQ(ParseError(r.body).code, "invalid_argument") << r.body.substr(0, 300);
  EXPECT_LT(r.body.size(), 4096u) << "an error echoes a bounded part of what it was sent";
  EXPECT_EQ(server.supplier_fetches(), 0);
  TestResponse health = Fetch(server.port(), "GET", "/v1/health");
  ASSERT_TRUE(health.ok()) << health.error;
  EXPECT_EQ(health.status, 200);
}

INSTANTIATE_TEST_SUITE_P(Bodies, HostileBodyTest, testing::ValuesIn(kHostileBodies),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace fareflow::server
