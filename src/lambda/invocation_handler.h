#ifndef FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_
#define FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_

#include <chrono>
#include <optional>
#include <string>

#include "lambda/invocation.h"
#include "net/after_sent.h"
#include "server/routes/router.h"

namespace fareflow::lambda {

struct HandlerOptions {
  // Kept back from the invocation's remaining time to serialize and post the answer: the search
  // deadline is capped at Lambda's deadline less this.
  std::chrono::milliseconds margin{300};
  // How long to wait for an answer when the event has no deadline (a local emulator).
  std::chrono::milliseconds no_deadline_wait{15 * 60 * 1000};
};

// What the runtime sends back for one invocation: an answer to post (`error` empty) or a
// function error, and the work to run once it has been posted.
struct Outcome {
  std::optional<FunctionError> error;  // set: post an error instead of `answer`
  std::string answer;
  net::AfterSent after_sent;  // the router's post-response work (search log, metrics, store)
  std::string route;          // the route pattern, for metrics; "event" when none was routed
  int status = 0;             // the HTTP status of the answer; 0 for an error
};

// Turns the invocation's event into a request, routes it through `router` and waits for the
// answer (searches run on the router's search pool), then shapes it like the event. Events of no
// known shape become a Runtime.InvalidEvent error; a proxy event that names no request gets a
// 400 answer. May throw only what the router throws; the caller reports that as an error.
Outcome HandleInvocation(const Invocation& invocation, const server::Router& router,
                         const HandlerOptions& options);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_INVOCATION_HANDLER_H_
