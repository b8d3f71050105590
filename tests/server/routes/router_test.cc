#include "server/routes/router.h"

#include <memory>

#include <gtest/gtest.h>

#include "support/api_test_server.h"
#include "support/http_test_client.h"

namespace fareflow::server {
namespace {

using testing_support::Fetch;
using testing_support::TestResponse;

TEST(RouterTest, UnknownPathIs404) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "GET", "/v1/nowhere");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ParseError(r.body).code, "not_found") << r.body;
}

TEST(RouterTest, KnownPathWithOtherMethodIs405ListingAllowed) {
  ApiTestServer server;
  TestResponse r = Fetch(server.port(), "POST", "/v1/health", "{}");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET");
  EXPECT_EQ(ParseError(r.body).code, "method_not_allowed") << r.body;
}

TEST(RouterTest, AllowListsEveryMethodOfThePath) {
  Router router;
  auto ok = [](std::shared_ptr<net::Exchange> e) { e->Respond({}); };
  router.Add("GET", "/x", ok);
  router.Add("PUT", "/x", ok);
  net::HttpServer server({}, [&](std::shared_ptr<net::Exchange> e) { router.Handle(e); });
  ASSERT_TRUE(server.Start().has_value());
  EXPECT_EQ(Fetch(server.port(), "GET", "/x").status, 200);
  TestResponse r = Fetch(server.port(), "DELETE", "/x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.Header("Allow"), "GET, PUT");
  EXPECT_EQ(Fetch(server.port(), "GET", "/x/y").status, 404);
  server.Stop();
}

}  // namespace
}  // namespace fareflow::server
