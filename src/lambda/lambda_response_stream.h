#ifndef FAREFLOW_LAMBDA_LAMBDA_RESPONSE_STREAM_H_
#define FAREFLOW_LAMBDA_LAMBDA_RESPONSE_STREAM_H_

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

#include "net/after_sent.h"
#include "net/exchange.h"

namespace fareflow::lambda {

// The body of a streamed invocation answer: the handler writes parts from its own thread, and
// the runtime loop's thread takes them (Take) and posts each one to the Runtime API as it comes,
// so the handler never waits for the post.
//
// Memory: the parts queued and not yet taken, at most `max_queued_bytes` (a replaceable part
// that has not been taken is dropped when the next replaceable one is written, as
// net::ResponseStream states). A Write that would go past the bound closes the stream as if the
// client had gone (overflowed() tells it), since a part that is not replaceable may be neither
// dropped nor waited for. Thread-safe.
class LambdaResponseStream final : public net::ResponseStream {
 public:
  explicit LambdaResponseStream(std::size_t max_queued_bytes);
  LambdaResponseStream(const LambdaResponseStream&) = delete;
  LambdaResponseStream& operator=(const LambdaResponseStream&) = delete;

  // net::ResponseStream, for the handler.
  bool Write(std::string part, bool replaceable = false) override;
  void End(net::AfterSent after_sent = nullptr) override;
  bool client_gone() const override;

  // For the runtime loop. What Take found.
  enum class Taken {
    kPart,      // `part` holds the next part
    kEnded,     // End was called and every part has been taken
    kTimedOut,  // `until` passed first
    kGone,      // the stream was closed (Close, or a Write past the bound)
  };
  // Waits until a part is queued, the stream ends or closes, or `until` passes.
  Taken Take(std::string& part, std::chrono::steady_clock::time_point until);

  // Stops the stream: later Writes return false, queued parts are dropped, and an End that
  // comes later runs its after-sent work at once as dropped. `gone` says whether the answer
  // failed to reach the Runtime API (or was cut short). Returns End's after-sent work if End
  // has been called, for the caller to run (posted) or drop.
  net::AfterSent Close(bool gone);

  // Whether a Write went past the bound on queued bytes.
  bool overflowed() const;

 private:
  struct Part {
    std::string bytes;
    bool replaceable = false;
  };

  const std::size_t max_queued_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Part> queue_;
  std::size_t queued_bytes_ = 0;
  bool ended_ = false;   // End was called
  bool closed_ = false;  // Close was called, or the bound was passed
  bool gone_ = false;    // closed without the answer having been posted whole
  bool overflowed_ = false;
  net::AfterSent after_sent_;  // End's, until Close hands it out
};

}  // namespace fareflow::lambda

#endif  // FAREFLOW_LAMBDA_LAMBDA_RESPONSE_STREAM_H_
