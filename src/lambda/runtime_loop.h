#ifndef FAREFLOW_LAMBDA_RUNTIME_LOOP_H_
#define FAREFLOW_LAMBDA_RUNTIME_LOOP_H_

#include <cstdio>
#include <functional>

#include "lambda/invocation_handler.h"
#include "lambda/runtime_api.h"
#include "server/routes/router.h"

namespace fareflow::lambda {

struct LoopOptions {
  HandlerOptions handler;
  std::FILE* metrics_out = stdout;  // one Embedded Metric Format line per invocation
  std::FILE* log_out = stderr;      // structured log lines
};

// The custom runtime's loop: asks `api` for the next event, exports its trace id as
// _X_AMZN_TRACE_ID, answers it through `router` (HandleInvocation), posts the answer or the
// error (a streamed answer part by part as the handler writes it, from this thread, so the
// handler never waits for the Runtime API), then -- before asking for the next event, because
// Lambda may freeze the process as soon as it asks -- runs the answer's post-response work and
// `settle` (drain the housekeeper), and writes the invocation's log and metric lines. An exception
// from the handler becomes an error post for that invocation. Returns 1 when the Runtime API fails
// (Lambda then restarts the runtime); never returns otherwise.
int RunRuntimeLoop(RuntimeApi& api, const server::Router& router,
                   const std::function<void()>& settle, const LoopOptions& options);

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_RUNTIME_LOOP_H_
