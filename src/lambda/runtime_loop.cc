#include "lambda/runtime_loop.h"

#include <chrono>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
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

// How long one write to the Runtime API may take: a loopback call to the Lambda service, which
// takes the first 6 MB of a stream at once and then 2 MB/s.
constexpr std::chrono::seconds kWriteTimeout{10};

// Posts a streamed answer (Outcome::streamed): the start of the body, then the stream's parts as
// the handler writes them, until it ends or outcome.stream_until passes. A stream cut short (the
// deadline, too many bytes waiting) still ends the post properly, with the error in its
// trailers: once the body has begun, Lambda takes no error post. The stream's after-sent work
// becomes the outcome's, for the loop to run or drop. Never a kInvalidArgument error (that asks
// for an error post).
Result<void> PostStreamed(RuntimeApi& api, const std::string& request_id, Outcome& outcome) {
  using Clock = std::chrono::steady_clock;
  const std::shared_ptr<LambdaResponseStream> stream = std::move(outcome.stream);
  // Ends the stream: later Writes fail; End's work, if it came, is the outcome's.
  auto close = [&](Result<void> result) {
    if (stream) outcome.after_sent = stream->Close(!result.has_value());
    if (!result && result.error().code == ErrorCode::kInvalidArgument) {
      result.error().code = ErrorCode::kUnavailable;
    }
    return result;
  };
  Result<StreamPost> post = api.OpenResponseStream(request_id, Clock::now() + kWriteTimeout);
  if (!post) return close(tl::unexpected(post.error()));
  if (Result<void> w = post->Write(outcome.answer, Clock::now() + kWriteTimeout); !w) {
    return close(w);
  }
  std::optional<FunctionError> cut;
  for (std::string part; stream;) {
    const LambdaResponseStream::Taken taken = stream->Take(part, outcome.stream_until);
    if (taken == LambdaResponseStream::Taken::kEnded) break;
    if (taken == LambdaResponseStream::Taken::kTimedOut) {
      cut = FunctionError{"Runtime.StreamTimeout",
                          "the answer had not ended by the invocation's deadline"};
      break;
    }
    if (taken == LambdaResponseStream::Taken::kGone) {
      cut = FunctionError{"Runtime.ResponseTooLarge",
                          "the answer's parts outgrew the bytes that may wait to be posted"};
      break;
    }
    if (Result<void> w = post->Write(part, Clock::now() + kWriteTimeout); !w) return close(w);
  }
  Result<int> status =
      post->Finish(cut ? ErrorTrailers(*cut) : StreamPost::Fields{}, Clock::now() + kWriteTimeout);
  if (!status) return close(tl::unexpected(status.error()));
  if (*status / 100 != 2) {
    return close(MakeError(ErrorCode::kUnavailable,
                           "the streamed response answered " + std::to_string(*status)));
  }
  if (cut) return close(MakeError(ErrorCode::kTimeout, cut->type + ": " + cut->message));
  return close({});
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
    if (!outcome.error && outcome.streamed) {
      posted = PostStreamed(api, invocation->request_id, outcome);
    } else if (!outcome.error) {
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
