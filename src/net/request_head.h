#ifndef FAREFLOW_NET_REQUEST_HEAD_H_
#define FAREFLOW_NET_REQUEST_HEAD_H_

#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

// The checks a request's head must pass before its body is read (RFC 9112 §3.2, §6.1, §6.3),
// where Beast's parser is more lenient than the RFCs allow a server to be. A lenient reading of
// the body's framing is how a second request is smuggled inside the body of the first. Internal
// to src/net; every function is thread-safe (no shared state).
namespace fareflow::net {

using BeastRequestHead = boost::beast::http::request_header<>;

// Why a request head is refused: the answer to send, after which the connection closes (its
// framing cannot be trusted, so nothing more is read from it).
struct HeadRejection {
  int status = 400;
  std::string_view code;  // the JSON error code: "bad_request", "not_implemented", ...
  std::string message;
};

// Refuses, with the status RFC 9112 asks for:
// - a Transfer-Encoding in an HTTP/1.0 request, one whose final coding is not `chunked`, one
//   that applies `chunked` twice, or one together with a Content-Length: 400;
// - a Transfer-Encoding with a coding other than `chunked` (gzip, deflate...): 501;
// - more than one Content-Length, or one that is not a plain decimal number: 400;
// - an HTTP/1.1 request without a Host, any request with more than one, or a Host that is not
//   a host and optional port: 400;
// - a target other than origin-form ("/path?query"), absolute-form ("http://host/path") or
//   "*" for OPTIONS: 400;
// - an HTTP version other than 1.0 and 1.1: 505;
// - an Expect other than 100-continue (in HTTP/1.1): 417.
// nullopt when the head is acceptable.
std::optional<HeadRejection> CheckRequestHead(const BeastRequestHead& head);

// The origin-form of an absolute-form target ("http://host:8080/a?b" -> "/a?b", "http://host?q"
// -> "/?q"); nullopt when `target` is not in absolute form.
std::optional<std::string> OriginFormOf(std::string_view target);

// Whether `received` starts with a request line whose version is well formed ("HTTP/2.0") but
// neither 1.0 nor 1.1: what Beast refuses as bad_version, answered 505 rather than 400.
bool NamesAnotherHttpVersion(std::string_view received);

// Whether the request asks for a 100 (Continue) before its body is sent.
bool ExpectsContinue(const BeastRequestHead& head);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_REQUEST_HEAD_H_
