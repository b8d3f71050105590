#ifndef FAREFLOW_FANOUT_CIRCUIT_BREAKER_H_
#define FAREFLOW_FANOUT_CIRCUIT_BREAKER_H_

#include <chrono>
#include <mutex>
#include <string>

#include "core/steady_clock_source.h"
#include "engine/supplier_outcome.h"

namespace fareflow::fanout {

// What a supplier's answer says about the supplier's health.
enum class BreakerVerdict {
  kSuccess,  // a usable answer
  kFailure,  // timeout, io error, malformed answer, 5xx or 429: the supplier is struggling
  kNeutral,  // it answered, but refused this search (4xx) or our credentials: waiting fixes
             // neither, so the breaker neither opens nor closes on it
};

// The verdict for an outcome; `http_status` is the supplier's HTTP status when there was one.
BreakerVerdict VerdictOf(SupplierStatus status, int http_status);

// One supplier's circuit breaker. Closed: every search calls the supplier. After `failures`
// failed searches in a row it opens: searches skip the supplier for `cooldown`. Then it is
// half-open: the next search is a trial (others keep skipping until the trial ends); a successful
// trial closes the breaker, a failed one opens it for another cooldown.
//
// Thread-safe.
class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  // Whether a search may call the supplier; `trial` when it is the half-open trial.
  struct Admission {
    bool allowed = true;
    bool trial = false;
    std::string reason;  // why not, when not allowed: "circuit open, retry in 12s"
  };

  CircuitBreaker(int failures, std::chrono::milliseconds cooldown, SteadyClockSource now = {});
  CircuitBreaker(const CircuitBreaker&) = delete;
  CircuitBreaker& operator=(const CircuitBreaker&) = delete;

  // Asks to call the supplier now. Every allowed call must be followed by one Record().
  Admission Admit();

  // Reports how an allowed call ended; `trial` as Admit() said.
  void Record(bool trial, BreakerVerdict verdict);

  State state() const;

 private:
  void OpenLocked();

  const int failures_to_open_;
  const std::chrono::milliseconds cooldown_;
  const SteadyClockSource now_;
  mutable std::mutex mu_;
  State state_ = State::kClosed;
  int consecutive_failures_ = 0;
  std::chrono::steady_clock::time_point open_until_{};
  bool trial_in_flight_ = false;
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_CIRCUIT_BREAKER_H_
