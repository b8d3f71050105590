// The server refuses request heads whose framing or target RFC 9112 does not allow, before reading
// their bodies, and closes the connection: a body read the lenient way could carry a second,
// smuggled request. Every test talks raw bytes over a loopback socket.
#include "net/request_head.h"

#include <atomic>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "support/http_test_client.h"
#include "support/http_test_server.h"

namespace fareflow::net {
namespace {

using testing_support::StartServer;
using testing_support::TestHttpConnection;
using testing_support::TestResponse;
using testing_support::Text;

// The request a smuggler hides in a body; answering it would prove the body was read as a request.
constexpr std::string_view kSmuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

// A server that answers with the method, path and body it saw, counting the requests.
class RawServer {
 public:
  RawServer() {
    server_ = StartServer([this](std::shared_ptr<Exchange> exchange) {
      ++handled_;
      const WireRequest& request = exchange->request();
      exchange->Respond(Text(std::string(request.method) + " " + std::string(request.path) + " " +
                             std::string(request.body)));
    });
  }
  uint16_t port() const { return server_->port(); }
  int handled() const { return handled_.load(); }

 private:
  std::atomic<int> handled_{0};
  std::unique_ptr<HttpServer> server_;
};

struct RefusedHead {
  const char* name;
  std::string head;  // the request up to and including the blank line
  int status;
};

class RefusedHeadTest : public testing::TestWithParam<RefusedHead> {};

TEST_P(RefusedHeadTest, IsRefusedAndTheBodyIsNeverReadAsARequest) {
  RawServer server;
  TestHttpConnection connection(server.port());
  ASSERT_TRUE(connection.WriteRaw(GetParam().head + std::string(kSmuggled)));
  TestResponse refused = connection.ReadResponse();
  ASSERT_TRUE(refused.ok()) << refused.error;
  EXPECT_EQ(refused.status, GetParam().status) << refused.body;
  EXPECT_EQ(refused.Header("Connection"), "close");
  TestResponse smuggled = connection.ReadResponse();
  EXPECT_FALSE(smuggled.ok()) << "answered: " << smuggled.status << " " << smuggled.body;
  EXPECT_FALSE(smuggled.timed_out) << "the connection was not closed";
  EXPECT_EQ(server.handled(), 0);
}

const std::string kLength = std::to_string(kSmuggled.size());

INSTANTIATE_TEST_SUITE_P(
    Rfc9112, RefusedHeadTest,
    testing::Values(
        RefusedHead{"FinalCodingNotChunked",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n", 400},
        RefusedHead{"IdentityWithContentLength",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n"
                    "Content-Length: " +
                        kLength + "\r\n\r\n",
                    400},
        RefusedHead{"ContentLengthThenChunked",
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n",
                    400},
        RefusedHead{"ChunkedThenContentLength",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    "Content-Length: 0\r\n\r\n",
                    400},
        RefusedHead{"ChunkedTwice",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
                    400},
        RefusedHead{"ChunkedThenAnotherLine",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    "Transfer-Encoding: xchunked\r\n\r\n",
                    400},
        RefusedHead{"TransferEncodingInHttp10",
                    "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
        RefusedHead{"UnsupportedCodingBeforeChunked",
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
        RefusedHead{"TwoEqualContentLengths",
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
                    400},
        RefusedHead{"ContentLengthList",
                    "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0, 0\r\n\r\n", 400},
        RefusedHead{"NoHost", "GET / HTTP/1.1\r\n\r\n", 400},
        RefusedHead{"TwoHosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
        RefusedHead{"HostWithAPath", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400},
        RefusedHead{"TargetNotAPath", "GET metrics HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        RefusedHead{"HttpVersion2", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
        RefusedHead{"UnknownExpectation", "GET / HTTP/1.1\r\nHost: x\r\nExpect: gold\r\n\r\n",
                    417}),
    [](const testing::TestParamInfo<RefusedHead>& info) { return std::string(info.param.name); });

TEST(RequestHeadTest, ChunkedBodyIsRead) {
  RawServer server;
  TestHttpConnection connection(server.port());
  ASSERT_TRUE(connection.WriteRaw(
      "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
  TestResponse response = connection.ReadResponse();
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, "POST /c abc");
}

TEST(RequestHeadTest, Http10WithoutHostIsServed) {
  RawServer server;
  TestHttpConnection connection(server.port());
  ASSERT_TRUE(connection.WriteRaw("GET /old HTTP/1.0\r\n\r\n"));
  TestResponse response = connection.ReadResponse();
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET /old ");
}

TEST(RequestHeadTest, AbsoluteFormTargetReachesTheHandlerAsAPath) {
  RawServer server;
  TestHttpConnection connection(server.port());
  ASSERT_TRUE(
      connection.WriteRaw("GET http://example.com:8080/v1/health?x=1 HTTP/1.1\r\n"
                          "Host: example.com:8080\r\n\r\n"));
  TestResponse response = connection.ReadResponse();
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET /v1/health ");
}

TEST(RequestHeadTest, ExpectContinueGets100BeforeTheBody) {
  RawServer server;
  TestHttpConnection connection(server.port());
  ASSERT_TRUE(connection.WriteRaw(
      "POST /e HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"));
  TestResponse interim = connection.ReadResponse();  // before the body was sent
  ASSERT_TRUE(interim.ok()) << interim.error;
  EXPECT_EQ(interim.status, 100);
  ASSERT_TRUE(connection.WriteRaw("body"));
  TestResponse response = connection.ReadResponse();
  ASSERT_TRUE(response.ok()) << response.error;
  EXPECT_EQ(response.body, "POST /e body");
}

TEST(RequestHeadTest, OriginFormOfAbsoluteTargets) {
  EXPECT_EQ(OriginFormOf("http://h:1/a/b?c=d"), "/a/b?c=d");
  EXPECT_EQ(OriginFormOf("HTTPS://h"), "/");
  EXPECT_EQ(OriginFormOf("http://h?q"), "/?q");
  EXPECT_EQ(OriginFormOf("/a"), std::nullopt);
  EXPECT_EQ(OriginFormOf("ftp://h/a"), std::nullopt);
  EXPECT_EQ(OriginFormOf("http:///a"), std::nullopt);
}

}  // namespace
}  // namespace fareflow::net
