#ifndef FAREFLOW_LAMBDA_PROXY_ANSWER_H_
#define FAREFLOW_LAMBDA_PROXY_ANSWER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "lambda/event.h"
#include "net/wire_exchange.h"

namespace fareflow::lambda {

// The most bytes of answer JSON an Application Load Balancer takes from a Lambda function: AWS's
// "1 MB", read as 10^6 bytes to be on the safe side. Past it the ALB answers 502 on its own.
inline constexpr std::size_t kAlbAnswerLimitBytes = 1'000'000;

// The invocation's answer for an HTTP answer, in the shape of the event it answers:
//   kHttpV2        {"statusCode","headers","body","isBase64Encoded"}, repeated headers joined
//                  with ", "
//   kRestV1        the same with "multiValueHeaders" holding every value
//   kAlb           {"statusCode","statusDescription","headers","body","isBase64Encoded"}, the
//                  description being the status line's text ("404 Not Found")
//   kAlbMultiValue the same with "multiValueHeaders" in place of "headers": an ALB takes only
//                  the form its event came in
//   kDirect        the body itself (a v1 search answer, or an API error body)
// Content-Type joins the headers, and so do the security headers every `fareflow serve` answer
// carries (server::ApiSecurityHeaders), but for one the answer sets itself. A body is text, but
// for one with a Content-Encoding (bytes, such as FormatAlbAnswer's gzip): base64, with
// "isBase64Encoded":true.
std::string FormatAnswer(EventKind kind, const net::WireResponse& response);

// What a Lambda answer to an ALB event (kAlb, kAlbMultiValue) is: FormatAnswer's JSON and the
// status it carries.
struct AlbAnswer {
  int status = 0;
  std::string json;
};

// The answer to an ALB event, kept within kAlbAnswerLimitBytes (ALB would answer 502 past it):
// FormatAnswer's when it fits. Past the limit the body goes gzip-compressed (Content-Encoding:
// gzip, Vary: Accept-Encoding) when `accepts_gzip` (the request's Accept-Encoding allows it);
// when that does not fit either, or gzip is not allowed, a 500 `answer_too_large` error takes
// its place, naming the limit and what to ask for instead.
AlbAnswer FormatAlbAnswer(EventKind kind, net::WireResponse response, bool accepts_gzip);

// The Content-Type of a streamed answer to a function URL: the body starts with the prelude.
inline constexpr std::string_view kHttpIntegrationContentType =
    "application/vnd.awslambda.http-integration-response";

// The prelude of a streamed answer to a function URL (Lambda's HTTP integration response):
// {"statusCode","headers","cookies"} for `head`'s status and headers (its body is ignored),
// then eight NUL bytes; the body follows it. Headers are as FormatAnswer gives them for kHttpV2,
// but Set-Cookie values go to "cookies", as a function URL expects them.
std::string FormatStreamPrelude(const net::WireResponse& head);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_PROXY_ANSWER_H_
