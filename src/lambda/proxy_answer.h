#ifndef FAREFLOW_LAMBDA_PROXY_ANSWER_H_
#define FAREFLOW_LAMBDA_PROXY_ANSWER_H_

#include <string>
#include <string_view>

#include "lambda/event.h"
#include "net/wire_exchange.h"

namespace fareflow::lambda {

// The invocation's answer for an HTTP answer, in the shape of the event it answers:
//   kHttpV2  {"statusCode","headers","body","isBase64Encoded":false}, repeated headers joined
//            with ", "
//   kRestV1  the same with "multiValueHeaders" holding every value
//   kDirect  the body itself (a v1 search answer, or an API error body)
// Content-Type joins the headers, and so do the security headers every `fareflow serve` answer
// carries (server::ApiSecurityHeaders), but for one the answer sets itself; bodies are JSON text,
// never base64.
std::string FormatAnswer(EventKind kind, const net::WireResponse& response);

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
