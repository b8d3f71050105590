#include "net/http_message.h"

#include <chrono>
#include <string>

#include <gtest/gtest.h>

namespace fareflow::net {
namespace {

TEST(AcceptsGzipTest, Tokens) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate, GZIP"));
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, gzip;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));  // an explicit refusal wins over the wildcard
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
}

TEST(AcceptsMediaTypeTest, MediaRangesWithParametersAndQValues) {
  constexpr std::string_view kSse = "text/event-stream";
  EXPECT_TRUE(AcceptsMediaType("text/event-stream", kSse));
  EXPECT_TRUE(AcceptsMediaType("Text/Event-Stream", kSse));
  EXPECT_TRUE(AcceptsMediaType("application/json, text/event-stream;q=0.5", kSse));
  EXPECT_TRUE(AcceptsMediaType(" text/event-stream ; charset=utf-8 ; q=1 , */*", kSse));
  EXPECT_FALSE(AcceptsMediaType("", kSse));
  EXPECT_FALSE(AcceptsMediaType("*/*", kSse));  // curl's default
  EXPECT_FALSE(AcceptsMediaType("text/*", kSse));
  EXPECT_FALSE(AcceptsMediaType("application/json", kSse));
  EXPECT_FALSE(AcceptsMediaType("text/event-stream;q=0", kSse));
  EXPECT_FALSE(AcceptsMediaType("text/event-stream; Q=0.000, application/json", kSse));
  EXPECT_FALSE(AcceptsMediaType("text/event-streams", kSse));
  EXPECT_FALSE(AcceptsMediaType("application/text/event-stream", kSse));
}

TEST(BuildStreamHeadTest, ChunkedForHttp11WithoutLengthOrCoding) {
  WireResponse head;
  head.status = 200;
  head.content_type = "text/event-stream";
  head.body = "ignored";
  ResponseContext context;
  context.accepts_gzip = true;
  BeastResponse out = BuildStreamHead(head, context);
  EXPECT_TRUE(out.chunked());
  EXPECT_EQ(out[boost::beast::http::field::transfer_encoding], "chunked");
  EXPECT_EQ(out.count(boost::beast::http::field::content_length), 0u);
  EXPECT_EQ(out.count(boost::beast::http::field::content_encoding), 0u);
  EXPECT_TRUE(out.body().empty());
  context.version = 10;
  context.keep_alive = true;
  out = BuildStreamHead(head, context);
  EXPECT_FALSE(out.chunked());
  EXPECT_FALSE(out.keep_alive());  // the body ends with the connection
  EXPECT_EQ(out.count(boost::beast::http::field::content_length), 0u);
}

TEST(ErrorResponseTest, EscapesTheMessage) {
  WireResponse response = ErrorResponse(400, "bad_request", "a \"quoted\"\nline");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"error":{"code":"bad_request","message":"a \"quoted\"\nline"}})");
}

TEST(HttpDateTest, ImfFixdate) {
  // 1994-11-06 08:49:37 UTC, the example of RFC 9110.
  auto when = std::chrono::system_clock::from_time_t(784111777);
  EXPECT_EQ(HttpDate(when), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST(HttpDateTest, UnixEpoch) {
  EXPECT_EQ(HttpDate(std::chrono::system_clock::from_time_t(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(BuildResponseTest, InvalidStatusBecomes500) {
  WireResponse bad;
  bad.status = 42;
  ResponseContext context;
  context.server_name = "t";
  BeastResponse response = BuildResponse(bad, context);
  EXPECT_EQ(response.result_int(), 500u);
}

TEST(BuildResponseTest, NoContentHasNoBody) {
  WireResponse empty;
  empty.status = 204;
  empty.body = "ignored";
  ResponseContext context;
  BeastResponse response = BuildResponse(empty, context);
  EXPECT_EQ(response.result_int(), 204u);
  EXPECT_TRUE(response.body().empty());
}

TEST(MakeWireRequestTest, SplitsTargetAndKeepsHeaders) {
  BeastRequest request;
  request.method(boost::beast::http::verb::get);
  request.target("/a/b?x=1&y=%41");
  request.set("X-One", "1");
  WireRequest wire = MakeWireRequest(request);
  EXPECT_EQ(wire.method, "GET");
  EXPECT_EQ(wire.path, "/a/b");
  ASSERT_EQ(wire.query.size(), 2u);
  EXPECT_EQ(*wire.Query("y"), "A");
  EXPECT_EQ(wire.Header("x-one"), "1");
}

}  // namespace
}  // namespace fareflow::net
