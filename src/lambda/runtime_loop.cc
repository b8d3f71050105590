#include "lambda/runtime_loop.h"

#include <chrono>
#include <cstdlib>
#include <exception>
#include <string>
#include <utility>

#include "lambda/log_line.h"
#include "lambda/metric_line.h"

namespace fareflow::lambda {
namespace {

void Write(std::FILE* out, const std::string& line) {
  if (out == nullptr) return;
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

// Handles one invocation; an exception escaping the router becomes an error outcome.
Outcome Handle(const Invocation& invocation, const server::Router& router,
               const HandlerOptions& options) {
  try {
    return HandleInvocation(invocation, router, options);
  } catch (const std::exception& e) {
    Outcome outcome;
    outcome.route = "event";
    outcome.error = FunctionError{"Runtime.HandlerError", e.what()};
    return outcome;
  } catch (...) {
    Outcome outcome;
    outcome.route = "event";
    outcome.error = FunctionError{"Runtime.HandlerError", "unknown exception"};
    return outcome;
  }
}

}  // namespace

int RunRuntimeLoop(RuntimeApi& api, const server::Router& router,
                   const std::function<void()>& settle, const LoopOptions& options) {
  for (;;) {
    Result<Invocation> invocation = api.Next();
    if (!invocation) {
      Write(options.log_out,
            LogLine({.level = "error",
                     .message = "invocation/next failed: " + invocation.error().message}));
      return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    // setenv is not safe against getenv on other threads; here none of this runtime's searches
    // is running (each is answered before the next event), unless one outlived its deadline.
    if (invocation->trace_id.empty()) {
      ::unsetenv("_X_AMZN_TRACE_ID");
    } else {
      ::setenv("_X_AMZN_TRACE_ID", invocation->trace_id.c_str(), 1);
    }
    Outcome outcome = Handle(*invocation, router, options.handler);
    Result<void> posted;
    if (!outcome.error) {
      posted = api.PostResponse(invocation->request_id, std::move(outcome.answer));
      if (!posted && posted.error().code == ErrorCode::kInvalidArgument) {
        outcome.error = FunctionError{"Runtime.ResponseTooLarge", posted.error().message};
      }
    }
    if (outcome.error) posted = api.PostError(invocation->request_id, *outcome.error);
    const double latency_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    if (posted && !outcome.error) {
      outcome.after_sent.Run();
    } else {
      outcome.after_sent.Drop();
    }
    if (settle) settle();

    const std::string message = !posted ? "posting the answer failed: " + posted.error().message
                                : outcome.error
                                    ? outcome.error->type + ": " + outcome.error->message
                                    : std::string("answered");
    Write(options.log_out, LogLine({.level = posted && !outcome.error ? "info" : "error",
                                    .request_id = invocation->request_id,
                                    .message = message,
                                    .route = outcome.route,
                                    .status = outcome.status,
                                    .latency_ms = latency_ms}));
    Write(options.metrics_out,
          MetricLine(outcome.route, latency_ms, outcome.status, invocation->request_id,
                     std::chrono::system_clock::now()));
  }
}

}  // namespace fareflow::lambda
