#ifndef FAREFLOW_LAMBDA_LAMBDA_EXCHANGE_H_
#define FAREFLOW_LAMBDA_LAMBDA_EXCHANGE_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "lambda/event.h"
#include "lambda/lambda_response_stream.h"
#include "net/after_sent.h"
#include "net/exchange.h"

namespace fareflow::lambda {

// An in-memory net::Exchange for one invocation: the router answers it like an HTTP request,
// from any thread, and the runtime loop waits for that answer, sends it to the Runtime API and
// then runs the answer's after-sent work itself (so the work finishes before the next event).
//
// Owns the event; request() views into it and lives as long as the exchange. The first answer
// wins; a later one, or one after Abandon(), runs its after-sent work at once. Thread-safe.
//
// An exchange made with a `stream_queue_bytes` (a function URL invoked in RESPONSE_STREAM mode)
// can also be answered in parts (StartStream); the runtime loop then posts the parts as they
// come. Otherwise StartStream returns nullptr and the handler answers whole, as it does through
// API Gateway.
class LambdaExchange final : public net::Exchange {
 public:
  // `deadline` becomes request().deadline: when the runtime stops waiting.
  // `stream_queue_bytes` > 0: StartStream gives a stream queueing at most that many bytes.
  LambdaExchange(Event event, std::chrono::steady_clock::time_point deadline,
                 std::size_t stream_queue_bytes = 0);
  LambdaExchange(const LambdaExchange&) = delete;
  LambdaExchange& operator=(const LambdaExchange&) = delete;

  const net::WireRequest& request() const override { return request_; }
  void RespondThen(net::WireResponse response, net::AfterSent after_sent) override;
  // The answer is `head` and the body the stream's parts; nullptr when the exchange cannot
  // stream or was already answered.
  std::shared_ptr<net::ResponseStream> StartStream(net::WireResponse head) override;

  // Waits until the exchange is answered or `until` passes; the answer, once (for a streamed
  // answer, its head: TakeStream gives its body).
  std::optional<net::WireResponse> Wait(std::chrono::steady_clock::time_point until);

  // The stream of the answer Wait returned, when it was started with StartStream; else null.
  std::shared_ptr<LambdaResponseStream> TakeStream();

  // The after-sent work of the answer Wait returned (empty if none); run it once the answer
  // has been posted.
  net::AfterSent TakeAfterSent();

  // Stops waiting: a later answer is dropped and its after-sent work runs at once.
  void Abandon();

  const Event& event() const { return event_; }

 private:
  const Event event_;
  const std::size_t stream_queue_bytes_;  // 0: cannot stream
  net::WireRequest request_;              // views into event_
  std::mutex mu_;
  std::condition_variable answered_cv_;
  bool answered_ = false;
  bool closed_ = false;  // answered, or abandoned
  std::optional<net::WireResponse> response_;
  net::AfterSent after_sent_;
  std::shared_ptr<LambdaResponseStream> stream_;
};

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_LAMBDA_EXCHANGE_H_
