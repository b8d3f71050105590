// The per-request body limit and the kept cut (net/client_body.h), against a real loopback peer:
// plain and gzip bodies, with Content-Length and chunked.
#include "net/client_body.h"

#include <cstddef>
#include <string>

#include <gtest/gtest.h>

#include "net/gzip.h"
#include "net/http_client.h"
#include "net/scripted_peer.h"

namespace fareflow::net {
namespace {

// Text that does not repeat within a few bytes, so that a cut in the wrong place shows.
std::string Numbered(std::size_t size) {
  std::string text;
  for (int i = 0; text.size() < size; ++i) text += "line " + std::to_string(i) + ";";
  text.resize(size);
  return text;
}

std::string Chunked(std::string_view body) {
  std::string out;
  constexpr std::size_t kChunk = 4096;
  for (std::size_t at = 0; at < body.size(); at += kChunk) {
    const std::string_view piece = body.substr(at, kChunk);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    out += size;
    out += piece;
    out += "\r\n";
  }
  return out + "0\r\n\r\n";
}

struct BodyShape {
  const char* name;
  bool gzip;
  bool chunked;
};

// The raw answer carrying `body` in `shape`.
std::string AnswerBytes(const std::string& body, const BodyShape& shape) {
  std::string wire = body;
  std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";
  if (shape.gzip) {
    wire = *GzipCompress(body);
    head += "Content-Encoding: gzip\r\n";
  }
  if (shape.chunked) return head + "Transfer-Encoding: chunked\r\n\r\n" + Chunked(wire);
  return head + "Content-Length: " + std::to_string(wire.size()) + "\r\n\r\n" + wire;
}

ClientRequest Get(uint16_t port, std::size_t max_body, bool keep_cut) {
  ClientRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + "/";
  request.max_body = max_body;
  request.keep_cut = keep_cut;
  return request;
}

class ClientBodyTest : public testing::TestWithParam<BodyShape> {};

TEST_P(ClientBodyTest, PastTheLimitTheCutIsKeptAndTheConnectionClosed) {
  const std::string body = Numbered(300'000);
  ScriptedPeer peer({.answer = AnswerBytes(body, GetParam()), .close_after_answer = false});
  HttpClient client;
  constexpr std::size_t kLimit = 50'001;
  for (int i = 0; i < 2; ++i) {
    Result<ClientResponse> response = client.Fetch(Get(peer.port(), kLimit, true));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, 200);
    EXPECT_TRUE(response->cut);
    ASSERT_EQ(response->body.size(), kLimit);
    EXPECT_TRUE(response->body == body.substr(0, kLimit));
    EXPECT_LE(response->body.capacity(), kLimit);  // never held more than the limit
    EXPECT_EQ(response->Header("Content-Type"), "text/plain");
  }
  EXPECT_EQ(client.connections_opened(), 2u);  // a cut connection never goes back to the pool
}

TEST_P(ClientBodyTest, PastTheLimitWithoutKeepingTheCutIsMalformed) {
  ScriptedPeer peer({.answer = AnswerBytes(Numbered(300'000), GetParam())});
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(peer.port(), 50'000, false));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code, ErrorCode::kMalformed);
  EXPECT_NE(response.error().message.find("body too large"), std::string::npos)
      << response.error().message;
}

TEST_P(ClientBodyTest, WithinTheLimitTheAnswerIsWholeAndPooled) {
  const std::string body = Numbered(300'000);
  ScriptedPeer peer({.answer = AnswerBytes(body, GetParam()), .close_after_answer = false});
  HttpClient client;
  for (std::size_t limit : {body.size(), body.size() + 1, std::size_t{0}}) {  // 0: the default
    Result<ClientResponse> response = client.Fetch(Get(peer.port(), limit, true));
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_FALSE(response->cut) << limit;
    EXPECT_TRUE(response->body == body) << limit;
  }
  EXPECT_EQ(client.connections_opened(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, ClientBodyTest,
    testing::Values(BodyShape{"Plain", false, false}, BodyShape{"PlainChunked", false, true},
                    BodyShape{"Gzip", true, false}, BodyShape{"GzipChunked", true, true}),
    [](const testing::TestParamInfo<BodyShape>& info) { return info.param.name; });

// A small gzip body that inflates to 64 MiB: decoding stops at the limit.
TEST(ClientBodyTest, GzipBombStopsInflatingAtTheLimit) {
  const std::string zeros(std::size_t{64} << 20, '0');
  ScriptedPeer peer({.answer = AnswerBytes(zeros, {"Gzip", true, false})});
  HttpClient client;
  constexpr std::size_t kLimit = std::size_t{1} << 20;
  Result<ClientResponse> response = client.Fetch(Get(peer.port(), kLimit, true));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_TRUE(response->cut);
  EXPECT_TRUE(response->body == zeros.substr(0, kLimit));
  EXPECT_LE(response->body.capacity(), kLimit);
  EXPECT_LT(response->wire_bytes, std::size_t{64} << 10);  // stopped reading early
}

// The request's limit replaces the client's, both ways.
TEST(ClientBodyTest, TheRequestLimitOverridesTheClientDefault) {
  const std::string body = Numbered(5000);
  ScriptedPeer peer(
      {.answer = AnswerBytes(body, {"Plain", false, false}), .close_after_answer = false});
  HttpClientOptions options;
  options.max_body = 1000;
  HttpClient client(options);
  Result<ClientResponse> larger = client.Fetch(Get(peer.port(), 10'000, false));
  ASSERT_TRUE(larger) << larger.error().message;
  EXPECT_EQ(larger->body, body);
  Result<ClientResponse> smaller = client.Fetch(Get(peer.port(), 0, true));  // the client's 1000
  ASSERT_TRUE(smaller) << smaller.error().message;
  EXPECT_TRUE(smaller->cut);
  EXPECT_EQ(smaller->body, body.substr(0, 1000));
}

// A body announced far past the limit is read up to the limit when the cut is kept.
TEST(ClientBodyTest, AnnouncedHugeBodyIsCutAtTheLimit) {
  ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n" +
                               std::string(70'000, 'x'),
                     .close_after_answer = false});
  HttpClient client;
  Result<ClientResponse> response = client.Fetch(Get(peer.port(), 65'536, true));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_TRUE(response->cut);
  EXPECT_EQ(response->body, std::string(65'536, 'x'));
}

// A corrupt or unfinished gzip body is malformed, cut kept or not.
TEST(ClientBodyTest, BadGzipIsMalformed) {
  const std::string packed = *GzipCompress(Numbered(10'000));
  for (const std::string& wire :
       {std::string("not gzip at all"), packed.substr(0, packed.size() / 2)}) {
    ScriptedPeer peer({.answer = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " +
                                 std::to_string(wire.size()) + "\r\n\r\n" + wire});
    HttpClient client;
    Result<ClientResponse> response = client.Fetch(Get(peer.port(), 1 << 20, true));
    ASSERT_FALSE(response);
    EXPECT_EQ(response.error().code, ErrorCode::kMalformed);
    EXPECT_NE(response.error().message.find("gzip"), std::string::npos) << response.error().message;
  }
}

}  // namespace
}  // namespace fareflow::net
