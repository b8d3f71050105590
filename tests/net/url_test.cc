#include "net/url.h"

#include <gtest/gtest.h>

namespace fareflow::net {
namespace {

TEST(UrlTest, SplitsSchemeHostPortAndTarget) {
  Result<Url> url = ParseUrl("https://Test.API.amadeus.com:8443/v2/shopping?max=5#frag");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "test.api.amadeus.com");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->target, "/v2/shopping?max=5");
  EXPECT_EQ(url->HostHeader(), "test.api.amadeus.com:8443");
  EXPECT_EQ(url->Origin(), "https://test.api.amadeus.com:8443");
}

TEST(UrlTest, DefaultPortsAndEmptyPath) {
  Result<Url> http = ParseUrl("HTTP://example.com");
  ASSERT_TRUE(http);
  EXPECT_EQ(http->scheme, "http");
  EXPECT_EQ(http->port, 80);
  EXPECT_EQ(http->target, "/");
  EXPECT_EQ(http->HostHeader(), "example.com");

  Result<Url> https = ParseUrl("https://api.duffel.com?x=1");
  ASSERT_TRUE(https);
  EXPECT_EQ(https->port, 443);
  EXPECT_EQ(https->target, "/?x=1");
}

TEST(UrlTest, Ipv6Literal) {
  Result<Url> url = ParseUrl("http://[::1]:9001/runtime/invocation/next");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9001);
  EXPECT_EQ(url->HostHeader(), "[::1]:9001");
  EXPECT_EQ(url->Origin(), "http://[::1]:9001");
}

TEST(UrlTest, RejectsWhatCannotBeSent) {
  for (const char* bad :
       {"", "example.com/x", "ftp://example.com/", "http://", "http:///path", "http://:80/",
        "http://host:/", "http://host:0/", "http://host:65536/", "http://host:8o/",
        "http://user:pw@host/", "http://ho st/", "http://host/a b", "http://host/\r\nX: y",
        "http://[::1/", "http://[::1]x/", "http://[zz]/", "http://bad\\host/"}) {
    Result<Url> url = ParseUrl(bad);
    ASSERT_FALSE(url) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace fareflow::net
