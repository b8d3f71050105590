#ifndef FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_
#define FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "lambda/invocation.h"
#include "lambda/lambda_response_stream.h"
#include "net/after_sent.h"
#include "server/routes/router.h"

namespace fareflow::lambda {

struct HandlerOptions {
  // Kept back from the invocation's remaining time to serialize and post the answer: the search
  // deadline is capped at Lambda's deadline less this.
  std::chrono::milliseconds margin{300};
  // How long to wait for an answer when the event has no deadline (a local emulator).
  std::chrono::milliseconds no_deadline_wait{15 * 60 * 1000};
  // The function is invoked through a function URL in RESPONSE_STREAM mode
  // (FAREFLOW_LAMBDA_STREAMING=1): every answer to a function URL event is posted as a stream,
  // and a handler may answer in parts (net::Exchange::StartStream). Other events are answered
  // whole either way.
  bool stream_function_urls = false;
  // The most bytes of a stream's parts waiting to be posted (LambdaResponseStream).
  std::size_t stream_queue_bytes = std::size_t{32} << 20;
};

// What the runtime sends back for one invocation: an answer to post (`error` empty) or a
// function error, and the work to run once it has been posted.
struct Outcome {
  std::optional<FunctionError> error;  // set: post an error instead of `answer`
  std::string answer;
  net::AfterSent after_sent;  // the router's post-response work (search log, metrics, store)
  std::string route;          // the route pattern, for metrics; "event" when none was routed
  int status = 0;             // the HTTP status of the answer; 0 for an error
  // Set when the answer is posted as a stream (a function URL event with stream_function_urls):
  // `answer` is then the start of the body, the prelude and, for an answer given whole, the
  // body; `stream`, when set, gives the parts that follow, until `stream_until`.
  bool streamed = false;
  std::shared_ptr<LambdaResponseStream> stream;
  std::chrono::steady_clock::time_point stream_until;
};

// Turns the invocation's event into a request, routes it through `router` and waits for the
// answer (searches run on the router's search pool), then shapes it like the event (or as a
// stream's prelude, see Outcome::streamed). Events of no
// known shape become a Runtime.InvalidEvent error; a proxy event that names no request gets a
// 400 answer. May throw only what the router throws; the caller reports that as an error.
Outcome HandleInvocation(const Invocation& invocation, const server::Router& router,
                         const HandlerOptions& options);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_
