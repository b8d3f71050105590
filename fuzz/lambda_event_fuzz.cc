// libFuzzer target: untrusted bytes as a Lambda invocation payload (API Gateway HTTP API v2,
// REST API v1, an ALB target event, or a direct fareflow search request), src/lambda/event.h.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "fuzz/offer_invariants.h"
#include "lambda/event.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view payload(reinterpret_cast<const char*>(data), size);
  const fareflow::Result<fareflow::lambda::Event> event = fareflow::lambda::ParseEvent(payload);
  if (!event) {
    // No request to answer: an error post, never anything else.
    fareflow::fuzz::Require(event.error().code == fareflow::ErrorCode::kMalformed);
    fareflow::fuzz::Require(!event.error().message.empty());
    return 0;
  }
  if (event->kind == fareflow::lambda::EventKind::kDirect) {
    fareflow::fuzz::Require(event->method == "POST" && event->path == "/v1/searches");
    fareflow::fuzz::Require(event->body == payload);
    return 0;
  }
  // A proxy event is either a request that can be routed or a problem answered with a 400.
  if (event->problem.empty()) {
    fareflow::fuzz::Require(!event->method.empty());
    fareflow::fuzz::Require(!event->path.empty() && event->path.front() == '/');
  }
  return 0;
}
