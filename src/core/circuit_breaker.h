#ifndef FAREFLOW_CORE_CIRCUIT_BREAKER_H_
#define FAREFLOW_CORE_CIRCUIT_BREAKER_H_

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "core/steady_clock_source.h"

namespace fareflow {

// What one call says about the health of what it called.
enum class BreakerVerdict {
  kSuccess,  // a usable answer
  kFailure,  // timeout, io error, malformed answer, overload: the service is struggling
  kNeutral,  // it answered, but refused this call for a reason waiting does not fix (a
             // supplier's 4xx, our credentials), so the breaker neither opens nor closes on it
};

// One circuit breaker in front of a remote service (a supplier, the shared store's Redis).
// Closed: every call goes through. After `failures` failed calls in a row it opens: calls are
// skipped for `cooldown`. Then it is half-open: the next call is a trial (others keep skipping
// until the trial ends); a successful trial closes the breaker, a failed one opens it for another
// cooldown. Fan-out's verdicts on supplier outcomes are in fanout/breaker_verdict.h.
//
// Thread-safe.
class CircuitBreaker {
 public:
  enum class State { kClosed = 0, kOpen = 1, kHalfOpen = 2 };  // numbered for metrics

  // Whether a call may go through; `trial` when it is the half-open trial.
  struct Admission {
    bool allowed = true;
    bool trial = false;
    std::string reason;  // why not, when not allowed: "circuit open, retry in 12s"
  };

  CircuitBreaker(int failures, std::chrono::milliseconds cooldown, SteadyClockSource now = {});
  CircuitBreaker(const CircuitBreaker&) = delete;
  CircuitBreaker& operator=(const CircuitBreaker&) = delete;

  // Asks to make a call now. Every allowed call must be followed by one Record().
  Admission Admit();

  // Reports how an allowed call ended; `trial` as Admit() said.
  void Record(bool trial, BreakerVerdict verdict);

  State state() const;
  // How many times the breaker has opened (from closed or after a failed trial).
  uint64_t opens() const;

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
  uint64_t opens_ = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_CIRCUIT_BREAKER_H_
