#ifndef FAREFLOW_NET_HTTP_MESSAGE_H_
#define FAREFLOW_NET_HTTP_MESSAGE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/wire_exchange.h"

// Conversions between Beast messages and the wire types handlers see. Internal to src/net.
// Every function is thread-safe: none has shared state.
namespace fareflow::net {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// Bodies at most this long are sent uncompressed even when the client accepts gzip.
inline constexpr std::size_t kGzipMinBytes = 256;

// A view of `request` for handlers. The views point into `request`: keep it alive and unmoved
// while the result is in use.
WireRequest MakeWireRequest(const BeastRequest& request);

// True when an Accept-Encoding value allows gzip: "gzip" (or "*" when gzip is not listed) with a
// q-value above zero.
bool AcceptsGzip(std::string_view accept_encoding);

// True when an Accept value names the media type `type` ("text/event-stream") itself, compared
// without case, with a q-value above zero. Wildcards ("*/*", "text/*") do not count: a client
// that accepts anything (curl's default "*/*") gets the usual answer, not the named type.
bool AcceptsMediaType(std::string_view accept, std::string_view type);

// What a response depends on besides the handler's answer.
struct ResponseContext {
  unsigned version = 11;         // of the request: 10 or 11
  bool keep_alive = true;        // false adds "Connection: close"
  bool accepts_gzip = false;     // the request's Accept-Encoding allows gzip
  bool head = false;             // a HEAD request: headers only, Content-Length of the body
  std::string_view server_name;  // the Server header
  // Added unless the answer has a header of the same name; outlives the call (server options).
  const std::vector<std::pair<std::string, std::string>>* default_headers = nullptr;
};

// The Beast message for `response`: status, Content-Type, the handler's headers, Content-Length,
// Server, Date, Connection; the body gzip-compressed when allowed and longer than kGzipMinBytes.
// An invalid status (outside 100..999) becomes a 500 error.
BeastResponse BuildResponse(WireResponse response, const ResponseContext& context);

// The head of a streamed answer (Exchange::StartStream): as BuildResponse, without a body,
// Content-Length or content coding; "Transfer-Encoding: chunked" for HTTP/1.1, and for HTTP/1.0
// no length at all, the body ending with the connection ("Connection: close" semantics).
BeastResponse BuildStreamHead(WireResponse head, const ResponseContext& context);

// True when `ec` is one of Beast's HTTP errors: the bytes could not be read as an HTTP message.
// The limits and the ends of stream are errors of the same kind; callers tell them apart first.
bool IsHttpParseError(const boost::beast::error_code& ec);

// A JSON error answer: {"error":{"code":<code>,"message":<message>}}.
WireResponse ErrorResponse(int status, std::string_view code, std::string_view message);

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") for the Date header.
std::string HttpDate(std::chrono::system_clock::time_point when);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_HTTP_MESSAGE_H_
