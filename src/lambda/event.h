#ifndef FAREFLOW_LAMBDA_EVENT_H_
#define FAREFLOW_LAMBDA_EVENT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace fareflow::lambda {

// The shapes of event the runtime answers; the answer takes the same shape.
enum class EventKind {
  kHttpV2,  // API Gateway HTTP API / function URL, payload format 2.0
  kRestV1,  // API Gateway REST API (or HTTP API payload 1.0)
  kDirect,  // a fareflow v1 search request as the whole payload: POST /v1/searches
  // An Application Load Balancer target event (requestContext.elb): the REST API's fields, the
  // query still percent-encoded. The answer takes the one header form the event came in, which is
  // the target group's lambda.multi_value_headers.enabled: "headers" ...
  kAlb,
  kAlbMultiValue,  // ... or "multiValueHeaders"
};

// An event as the HTTP request it stands for. Owns its strings.
struct Event {
  EventKind kind = EventKind::kDirect;
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  std::string body;                                          // base64 already decoded
  // A kHttpV2 event from a Lambda function URL (requestContext.domainName is
  // <url-id>.lambda-url.<region>.on.aws) rather than from API Gateway: only such an answer can
  // be streamed, when the URL's invoke mode is RESPONSE_STREAM.
  bool function_url = false;
  // Set for a proxy event that cannot be turned into a request (no method, a bad base64 body):
  // answered with a 400 in the event's shape, without routing.
  std::string problem;
};

// Reads an invocation payload. A payload that is not a JSON object, or an object of no known
// shape, is a kMalformed error: there is no request to answer, so it becomes an error post.
Result<Event> ParseEvent(std::string_view payload);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_EVENT_H_
