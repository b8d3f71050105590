#include "lambda/invocation_handler.h"

#include <memory>
#include <utility>

#include "lambda/event.h"
#include "lambda/lambda_exchange.h"
#include "lambda/proxy_answer.h"
#include "net/http_message.h"
#include "server/routes/api_error.h"

namespace fareflow::lambda {
namespace {

using Clock = std::chrono::steady_clock;

// When the answer is due on the steady clock: Lambda's deadline (epoch milliseconds) less the
// margin, or max() when the event has none.
Clock::time_point AnswerDeadline(int64_t deadline_ms, std::chrono::milliseconds margin) {
  if (deadline_ms <= 0) return Clock::time_point::max();
  const auto deadline =
      std::chrono::system_clock::time_point(std::chrono::milliseconds(deadline_ms));
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(
                            deadline - std::chrono::system_clock::now() - margin);
}

// What the answer is shaped by: the event's kind and, for an ALB answer too large to go as it
// is, whether its client takes gzip.
struct AnswerShape {
  EventKind kind = EventKind::kDirect;
  bool accepts_gzip = false;
};

// Whether `event`'s client takes gzip: its Accept-Encoding values (all of them, when the event
// lists several) read as the HTTP server reads them.
bool AcceptsGzip(const Event& event) {
  std::string accept_encoding;
  for (const auto& [name, value] : event.headers) {
    if (!net::EqualsIgnoreCase(name, "Accept-Encoding")) continue;
    if (!accept_encoding.empty()) accept_encoding += ", ";
    accept_encoding += value;
  }
  return net::AcceptsGzip(accept_encoding);
}

// `response` as the outcome's answer: in the event's shape, or as the start of a stream.
void SetAnswer(const AnswerShape& shape, net::WireResponse response, Outcome& outcome) {
  if (shape.kind == EventKind::kAlb || shape.kind == EventKind::kAlbMultiValue) {
    AlbAnswer alb = FormatAlbAnswer(shape.kind, std::move(response), shape.accepts_gzip);
    outcome.status = alb.status;
    outcome.answer = std::move(alb.json);
    return;
  }
  outcome.status = response.status;
  outcome.answer = outcome.streamed ? FormatStreamPrelude(response) + response.body
                                    : FormatAnswer(shape.kind, response);
}

}  // namespace

Outcome HandleInvocation(const Invocation& invocation, const server::Router& router,
                         const HandlerOptions& options) {
  Outcome outcome;
  Result<Event> event = ParseEvent(invocation.event);
  if (!event) {
    outcome.route = "event";
    outcome.error = FunctionError{"Runtime.InvalidEvent", event.error().message};
    return outcome;
  }
  const AnswerShape shape{event->kind, AcceptsGzip(*event)};
  // A RESPONSE_STREAM function URL takes every answer as a stream: it would pass an answer
  // posted whole to the client as it is, proxy-answer JSON and all.
  outcome.streamed = options.stream_function_urls && event->function_url;
  if (!event->problem.empty()) {
    outcome.route = "event";
    SetAnswer(shape, server::ApiError(400, "invalid_argument", event->problem), outcome);
    return outcome;
  }
  outcome.route = router.RouteOf(event->path);
  const Clock::time_point due = AnswerDeadline(invocation.deadline_ms, options.margin);
  // The wait ends at Lambda's own deadline (the margin back), or after no_deadline_wait when the
  // event has none.
  const Clock::time_point give_up = due == Clock::time_point::max()
                                        ? Clock::now() + options.no_deadline_wait
                                        : due + options.margin / 2;
  auto exchange = std::make_shared<LambdaExchange>(
      std::move(*event), due, outcome.streamed ? options.stream_queue_bytes : 0);
  router.Handle(exchange);
  std::optional<net::WireResponse> response = exchange->Wait(give_up);
  if (!response) {
    exchange->Abandon();
    response = exchange->Wait(Clock::now());  // an answer that came in meanwhile still counts
  }
  if (!response) {
    response = server::ApiError(504, "timeout", "no answer before the invocation's deadline");
  }
  SetAnswer(shape, *std::move(response), outcome);
  outcome.after_sent = exchange->TakeAfterSent();
  outcome.stream = exchange->TakeStream();
  outcome.stream_until = give_up;
  return outcome;
}

}  // namespace fareflow::lambda
