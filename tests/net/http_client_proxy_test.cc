// net::HttpClient through a forward proxy started by the test (tests/support/forward_proxy.h):
// https origins through CONNECT with the origin's certificate verified end to end, http origins
// forwarded in absolute-form, credentials, refusals, NO_PROXY, keep-alive and deadlines.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "core/base64.h"
#include "net/http_client.h"
#include "net/http_server.h"
#include "net/scripted_peer.h"
#include "support/forward_proxy.h"
#include "support/http_test_server.h"
#include "support/test_certificates.h"

namespace fareflow::net {
namespace {

using testing_support::ForwardProxy;
using testing_support::ForwardProxyOptions;
using testing_support::PemPair;
using testing_support::StartServer;
using testing_support::Text;
using Clock = std::chrono::steady_clock;

const char kHelloA[] = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhello A";
const char kHelloB[] = "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nhello B";

ClientRequest ProxiedGet(std::string url,
                         std::chrono::milliseconds within = std::chrono::seconds(10)) {
  ClientRequest request;
  request.url = std::move(url);
  request.deadline = Clock::now() + within;
  return request;
}

std::string Https(uint16_t port, std::string host = "localhost") {
  return "https://" + host + ":" + std::to_string(port) + "/";
}

// A certificate for "localhost", trusted through a CA file, and the TLS context of the origins.
class HttpClientProxyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pem_ = new PemPair(testing_support::MakeCertificate({}));
    ca_file_ = new std::string(::testing::TempDir() + "fareflow_proxy_ca_" +
                               std::to_string(::getpid()) + ".pem");
    std::ofstream(*ca_file_) << pem_->certificate;
  }
  static void TearDownTestSuite() {
    std::remove(ca_file_->c_str());
    delete ca_file_;
    delete pem_;
  }
  void SetUp() override { ASSERT_TRUE(testing_support::UseCertificate(origin_tls_, *pem_)); }

  static HttpClientOptions Through(std::string https_proxy, std::string http_proxy = "",
                                   std::string no_proxy = "") {
    HttpClientOptions options;
    options.ca_file = *ca_file_;
    options.proxy = {.https = std::move(https_proxy),
                     .http = std::move(http_proxy),
                     .no_proxy = std::move(no_proxy)};
    return options;
  }

  static PemPair* pem_;
  static std::string* ca_file_;
  boost::asio::ssl::context origin_tls_{boost::asio::ssl::context::tls_server};
};

PemPair* HttpClientProxyTest::pem_ = nullptr;
std::string* HttpClientProxyTest::ca_file_ = nullptr;

TEST_F(HttpClientProxyTest, HttpsGoesThroughConnectAndVerifiesTheOrigin) {
  ScriptedPeer origin({.answer = kHelloA, .tls = &origin_tls_});
  ForwardProxy proxy;
  HttpClient client(Through(proxy.Url()));
  Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(origin.port())));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "hello A");
  EXPECT_EQ(origin.server_name(), "localhost");  // SNI names the origin, not the proxy
  ASSERT_EQ(proxy.seen().size(), 1u);
  const std::string authority = "localhost:" + std::to_string(origin.port());
  EXPECT_EQ(proxy.seen()[0].method, "CONNECT");
  EXPECT_EQ(proxy.seen()[0].target, authority);
  EXPECT_EQ(proxy.seen()[0].host, authority);
  EXPECT_EQ(proxy.seen()[0].proxy_authorization, "");
}

TEST_F(HttpClientProxyTest, TheTunnelDoesNotLoosenCertificateChecks) {
  ScriptedPeer origin({.answer = kHelloA, .tls = &origin_tls_});
  ForwardProxy proxy;
  HttpClient client(Through(proxy.Url()));
  // The certificate names "localhost", not 127.0.0.1: refused through the tunnel as directly.
  Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(origin.port(), "127.0.0.1")));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kTls) << response.error().message;
  EXPECT_NE(response.error().message.find("X509_V_ERR_IP_ADDRESS_MISMATCH"), std::string::npos)
      << response.error().message;
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].method, "CONNECT");
  EXPECT_EQ(origin.requests(), 0);
}

TEST_F(HttpClientProxyTest, HttpIsForwardedInAbsoluteForm) {
  auto origin = StartServer([](std::shared_ptr<Exchange> exchange) {
    const WireRequest& r = exchange->request();
    exchange->Respond(Text(
        std::string(r.method) + " " + std::string(r.path) + " " + std::string(r.Header("Host")) +
        " [" + std::string(r.Header("Proxy-Authorization")) + "] " + std::string(r.body)));
  });
  ForwardProxy proxy;
  HttpClient client(Through("", proxy.Url()));
  const std::string authority = "127.0.0.1:" + std::to_string(origin->port());
  ClientRequest post = ProxiedGet("http://" + authority + "/v1/offers?limit=5");
  post.method = "POST";
  post.body = "{}";
  Result<ClientResponse> response = client.Fetch(post);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "POST /v1/offers " + authority + " [] {}");
  ASSERT_EQ(proxy.seen().size(), 1u);
  EXPECT_EQ(proxy.seen()[0].method, "POST");
  EXPECT_EQ(proxy.seen()[0].target, "http://" + authority + "/v1/offers?limit=5");
  EXPECT_EQ(proxy.seen()[0].host, authority);
}

TEST_F(HttpClientProxyTest, CredentialsArePercentDecodedAndSentToTheProxyOnly) {
  const std::string basic = "Basic " + EncodeBase64("svc@corp:p@ss:w%rd");
  ForwardProxy proxy({.required_authorization = basic});
  const std::string url = proxy.Url("svc%40corp:p%40ss:w%25rd");
  ScriptedPeer tls_origin({.answer = kHelloA, .tls = &origin_tls_});
  auto plain_origin = StartServer([](std::shared_ptr<Exchange> exchange) {
    exchange->Respond(
        Text("[" + std::string(exchange->request().Header("Proxy-Authorization")) + "]"));
  });
  HttpClient client(Through(url, url));
  Result<ClientResponse> https = client.Fetch(ProxiedGet(Https(tls_origin.port())));
  ASSERT_TRUE(https) << https.error().message;
  EXPECT_EQ(https->body, "hello A");
  Result<ClientResponse> http =
      client.Fetch(ProxiedGet("http://127.0.0.1:" + std::to_string(plain_origin->port()) + "/"));
  ASSERT_TRUE(http) << http.error().message;
  EXPECT_EQ(http->body, "[]");  // the proxy's credentials stop at the proxy
  ASSERT_EQ(proxy.seen().size(), 2u);
  EXPECT_EQ(proxy.seen()[0].proxy_authorization, basic);
  EXPECT_EQ(proxy.seen()[1].proxy_authorization, basic);
}

TEST_F(HttpClientProxyTest, A407FailsClearlyAndTheOriginIsNeverReached) {
  ForwardProxy proxy({.required_authorization = "Basic " + EncodeBase64("svc:right")});
  ScriptedPeer origin({.answer = kHelloA, .tls = &origin_tls_});
  HttpClient client(Through(proxy.Url("svc:wr0ng-secret")));
  Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(origin.port())));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  const std::string& message = response.error().message;
  EXPECT_NE(message.find("proxy refused CONNECT: 407 Proxy Authentication Required"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(proxy.Url()), std::string::npos) << message;
  EXPECT_EQ(message.find("wr0ng-secret"), std::string::npos) << message;
  EXPECT_EQ(message.find("svc"), std::string::npos) << message;
  EXPECT_EQ(origin.connections(), 0);
}

TEST_F(HttpClientProxyTest, OtherRefusalsAreNamedByTheirStatus) {
  for (int status : {403, 502}) {
    ForwardProxy proxy({.connect_status = status});
    HttpClient client(Through(proxy.Url()));
    Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(1)));
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(response.error().message.find("proxy refused CONNECT: " + std::to_string(status)),
              std::string::npos)
        << response.error().message;
  }
}

TEST_F(HttpClientProxyTest, NoProxyGoesDirectAndTheProxySeesNothing) {
  ScriptedPeer origin({.answer = kHelloA, .tls = &origin_tls_});
  ForwardProxy proxy;
  HttpClient client(Through(proxy.Url(), proxy.Url(), "example.com, LOCALHOST"));
  Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(origin.port())));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body, "hello A");
  EXPECT_EQ(proxy.connections(), 0);
  EXPECT_EQ(origin.connections(), 1);
}

TEST_F(HttpClientProxyTest, KeptAliveTunnelsServeOnlyTheirOwnOrigin) {
  ScriptedPeer a({.answer = kHelloA, .close_after_answer = false, .tls = &origin_tls_});
  ScriptedPeer b({.answer = kHelloB, .close_after_answer = false, .tls = &origin_tls_});
  ForwardProxy proxy;
  HttpClient client(Through(proxy.Url()));
  for (int round = 0; round < 3; ++round) {
    Result<ClientResponse> from_a = client.Fetch(ProxiedGet(Https(a.port())));
    ASSERT_TRUE(from_a) << from_a.error().message;
    EXPECT_EQ(from_a->body, "hello A");
    Result<ClientResponse> from_b = client.Fetch(ProxiedGet(Https(b.port())));
    ASSERT_TRUE(from_b) << from_b.error().message;
    EXPECT_EQ(from_b->body, "hello B");
  }
  // One tunnel per origin, each reused for its own origin's later requests.
  EXPECT_EQ(proxy.connections(), 2);
  EXPECT_EQ(proxy.seen().size(), 2u);
  EXPECT_EQ(a.connections(), 1);
  EXPECT_EQ(a.requests(), 3);
  EXPECT_EQ(b.connections(), 1);
  EXPECT_EQ(b.requests(), 3);
}

TEST_F(HttpClientProxyTest, TheDeadlineCoversAStalledProxy) {
  ForwardProxy proxy({.stall = true});
  for (const std::string& url : {Https(1), std::string("http://127.0.0.1:1/")}) {
    HttpClient client(Through(proxy.Url(), proxy.Url()));
    const Clock::time_point start = Clock::now();
    Result<ClientResponse> response = client.Fetch(ProxiedGet(url, std::chrono::milliseconds(300)));
    ASSERT_FALSE(response) << url;
    EXPECT_EQ(response.error().code, ErrorCode::kTimeout) << response.error().message;
    EXPECT_NE(response.error().message.find("through proxy " + proxy.Url()), std::string::npos)
        << response.error().message;
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  }
  EXPECT_EQ(proxy.seen().size(), 2u);
}

TEST_F(HttpClientProxyTest, AnOversizedOrOverlongConnectAnswerIsMalformed) {
  const std::string huge = "HTTP/1.1 200 OK\r\nX-Fill: " + std::string(20000, 'x') + "\r\n\r\n";
  const std::string chatty = "HTTP/1.1 200 OK\r\n\r\nunasked bytes";
  for (const std::string& answer : {huge, chatty}) {
    ScriptedPeer fake_proxy({.answer = answer});
    HttpClient client(Through("http://127.0.0.1:" + std::to_string(fake_proxy.port())));
    Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(1)));
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::kMalformed) << response.error().message;
  }
}

TEST_F(HttpClientProxyTest, ABadProxyUrlNeverFallsBackToADirectConnection) {
  ScriptedPeer origin({.answer = kHelloA, .tls = &origin_tls_});
  for (const char* bad : {"https://u:hidden@proxy:443", "socks5://proxy:1080", "http://proxy:0"}) {
    HttpClient client(Through(bad));
    Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(origin.port())));
    ASSERT_FALSE(response) << bad;
    EXPECT_EQ(response.error().code, ErrorCode::kInvalidArgument) << response.error().message;
    EXPECT_EQ(response.error().message.find("hidden"), std::string::npos);
  }
  EXPECT_EQ(origin.connections(), 0);
}

TEST_F(HttpClientProxyTest, AnUnreachableProxyIsNamedWithoutItsCredentials) {
  uint16_t closed_port = 0;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor listening(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    closed_port = listening.local_endpoint().port();
  }  // closed: connecting is refused
  const std::string shown = "http://127.0.0.1:" + std::to_string(closed_port);
  HttpClient client(Through("http://svc:top-secret@127.0.0.1:" + std::to_string(closed_port)));
  Result<ClientResponse> response = client.Fetch(ProxiedGet(Https(443)));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(response.error().message.find(shown), std::string::npos) << response.error().message;
  EXPECT_EQ(response.error().message.find("top-secret"), std::string::npos);
}

}  // namespace
}  // namespace fareflow::net
