// Proxy URLs and NO_PROXY lists: what net/proxy.h accepts, refuses and matches.

#include "net/proxy.h"

#include <string>

#include <gtest/gtest.h>

#include "core/base64.h"

namespace fareflow::net {
namespace {

Url At(const std::string& url) {
  Result<Url> parsed = ParseUrl(url);
  EXPECT_TRUE(parsed) << url;
  return parsed ? *parsed : Url{};
}

TEST(ParseProxyUrlTest, HostPortAndNoCredentials) {
  Result<ProxyEndpoint> proxy = ParseProxyUrl("http://Proxy.Corp.Example:3128/");
  ASSERT_TRUE(proxy) << proxy.error().message;
  EXPECT_EQ(proxy->host, "proxy.corp.example");
  EXPECT_EQ(proxy->port, 3128);
  EXPECT_EQ(proxy->authorization, "");
  EXPECT_EQ(proxy->display, "http://proxy.corp.example:3128");
}

TEST(ParseProxyUrlTest, WithoutSchemeOrPortItIsHttpOn1080AsInCurl) {
  Result<ProxyEndpoint> proxy = ParseProxyUrl("proxy.local");
  ASSERT_TRUE(proxy) << proxy.error().message;
  EXPECT_EQ(proxy->display, "http://proxy.local:1080");
  Result<ProxyEndpoint> v6 = ParseProxyUrl("http://[::1]:8080");
  ASSERT_TRUE(v6) << v6.error().message;
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->display, "http://[::1]:8080");
}

TEST(ParseProxyUrlTest, CredentialsArePercentDecodedIntoBasic) {
  Result<ProxyEndpoint> proxy = ParseProxyUrl("http://us%20er%40corp:p%40ss:w%25rd@proxy:3128");
  ASSERT_TRUE(proxy) << proxy.error().message;
  EXPECT_EQ(proxy->authorization, "Basic " + EncodeBase64("us er@corp:p@ss:w%rd"));
  EXPECT_EQ(proxy->display, "http://proxy:3128");  // no user info
  Result<ProxyEndpoint> user_only = ParseProxyUrl("http://alice@proxy:3128");
  ASSERT_TRUE(user_only);
  EXPECT_EQ(user_only->authorization, "Basic " + EncodeBase64("alice:"));
}

TEST(ParseProxyUrlTest, RefusesWhatItCannotSpeakWithoutEchoingSecrets) {
  for (const char* bad :
       {"https://user:s3cret@proxy:443", "socks5://user:s3cret@proxy:1080", "http://user:s3cret@",
        "http://user:s3cret@proxy:0", "http://user:s3cret@proxy:99999",
        "http://user:s3cret@proxy/x", "http://user:s3cret@proxy?q", "http://user:s3cret@pro xy",
        "http://user:s3%zzcret@proxy", "http://user:s3cret@[::1"}) {
    Result<ProxyEndpoint> proxy = ParseProxyUrl(bad);
    ASSERT_FALSE(proxy) << bad;
    EXPECT_EQ(proxy.error().code, ErrorCode::kInvalidArgument) << bad;
    EXPECT_EQ(proxy.error().message.find("s3cret"), std::string::npos) << proxy.error().message;
  }
  EXPECT_NE(ParseProxyUrl("https://proxy:443").error().message.find("not supported"),
            std::string::npos);
  EXPECT_NE(ParseProxyUrl("socks5://u:s3cret@proxy:1").error().message.find("socks5://***@proxy"),
            std::string::npos);
  EXPECT_EQ(ParseProxyUrl("u:s3cret://x@proxy:0").error().message.find("s3cret"),
            std::string::npos);
}

TEST(NoProxyListTest, NamesMatchThemselvesAndTheirSubdomains) {
  NoProxyList list(" example.com , .corp.internal,*.svc.local , ,Api.Duffel.COM");
  EXPECT_TRUE(list.Bypasses(At("https://example.com/")));
  EXPECT_TRUE(list.Bypasses(At("https://a.b.example.com/")));
  EXPECT_TRUE(list.Bypasses(At("http://corp.internal/")));
  EXPECT_TRUE(list.Bypasses(At("http://x.corp.internal/")));
  EXPECT_TRUE(list.Bypasses(At("http://x.svc.local/")));
  EXPECT_TRUE(list.Bypasses(At("https://API.duffel.com/")));
  EXPECT_TRUE(list.Bypasses(At("https://example.com./")));
  EXPECT_FALSE(list.Bypasses(At("https://notexample.com/")));
  EXPECT_FALSE(list.Bypasses(At("https://example.com.evil.net/")));
  EXPECT_FALSE(list.Bypasses(At("https://duffel.com/")));
  EXPECT_FALSE(list.Bypasses(At("https://localhost/")));  // nothing implicit
}

TEST(NoProxyListTest, PortsAddressesAndRanges) {
  NoProxyList list("internal:8443,10.0.0.0/8,192.168.1.7,::1,[fd00::]/8,[2001:db8::5]:443");
  EXPECT_TRUE(list.Bypasses(At("https://internal:8443/")));
  EXPECT_FALSE(list.Bypasses(At("https://internal/")));
  EXPECT_TRUE(list.Bypasses(At("http://10.20.30.40/")));
  EXPECT_FALSE(list.Bypasses(At("http://11.0.0.1/")));
  EXPECT_TRUE(list.Bypasses(At("http://192.168.1.7:8080/")));
  EXPECT_FALSE(list.Bypasses(At("http://192.168.1.8/")));
  EXPECT_TRUE(list.Bypasses(At("http://[::1]:9000/")));
  EXPECT_TRUE(list.Bypasses(At("http://[fd12::1]/")));
  EXPECT_TRUE(list.Bypasses(At("https://[2001:db8::5]/")));
  EXPECT_FALSE(list.Bypasses(At("http://[2001:db8::5]/")));  // port 80, not 443
  // An address entry never matches a name, nor a name an address.
  EXPECT_FALSE(list.Bypasses(At("http://localhost/")));
  EXPECT_FALSE(NoProxyList("10.0.0.1").Bypasses(At("http://x.10.0.0.1/")));
}

TEST(NoProxyListTest, StarIsEveryHostAndEmptyIsNone) {
  EXPECT_TRUE(NoProxyList("*").Bypasses(At("https://anything.example/")));
  EXPECT_TRUE(NoProxyList("a.com, *").Bypasses(At("https://b.com/")));
  EXPECT_FALSE(NoProxyList("").Bypasses(At("https://b.com/")));
  EXPECT_FALSE(NoProxyList("a.com/8, :80, [").Bypasses(At("https://a.com/")));
}

TEST(ProxyRoutesTest, EachSchemeItsProxyUnlessBypassed) {
  Result<ProxyRoutes> routes = ProxyRoutes::Compile(
      {.https = "http://tls-proxy:3128", .http = "http://plain-proxy:8080", .no_proxy = "direct"});
  ASSERT_TRUE(routes) << routes.error().message;
  ASSERT_NE(routes->For(At("https://api.example/")), nullptr);
  EXPECT_EQ(routes->For(At("https://api.example/"))->display, "http://tls-proxy:3128");
  EXPECT_EQ(routes->For(At("http://api.example/"))->display, "http://plain-proxy:8080");
  EXPECT_EQ(routes->For(At("https://direct/")), nullptr);
  Result<ProxyRoutes> https_only = ProxyRoutes::Compile({.https = "http://p:1"});
  ASSERT_TRUE(https_only);
  EXPECT_EQ(https_only->For(At("http://api.example/")), nullptr);
  Result<ProxyRoutes> bad = ProxyRoutes::Compile({.http = "ftp://p"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("http proxy"), std::string::npos);
}

}  // namespace
}  // namespace fareflow::net
