#include "core/circuit_breaker.h"

#include <utility>

namespace fareflow {

CircuitBreaker::CircuitBreaker(int failures, std::chrono::milliseconds cooldown,
                               SteadyClockSource now)
    : failures_to_open_(failures < 1 ? 1 : failures),
      cooldown_(cooldown),
      now_(ClockOrSteady(std::move(now))) {}

CircuitBreaker::Admission CircuitBreaker::Admit() {
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::kClosed:
      return {};
    case State::kOpen: {
      const auto now = now_();
      if (now < open_until_) {
        // Rounded up: "retry in 0s" would read as "retry now".
        const auto left = std::chrono::ceil<std::chrono::seconds>(open_until_ - now);
        return {false, false, "circuit open, retry in " + std::to_string(left.count()) + "s"};
      }
      state_ = State::kHalfOpen;
      trial_in_flight_ = true;
      return {true, true, {}};
    }
    case State::kHalfOpen:
      if (trial_in_flight_) return {false, false, "circuit open, a trial search is in flight"};
      trial_in_flight_ = true;
      return {true, true, {}};
  }
  return {};
}

void CircuitBreaker::Record(bool trial, BreakerVerdict verdict) {
  std::lock_guard lock(mu_);
  if (state_ != State::kClosed && !trial) {
    // A call admitted before the breaker opened, ending late: the trial decides from here on.
    return;
  }
  if (state_ == State::kHalfOpen) {
    trial_in_flight_ = false;
    if (verdict == BreakerVerdict::kSuccess) {
      state_ = State::kClosed;
      consecutive_failures_ = 0;
    } else if (verdict == BreakerVerdict::kFailure) {
      OpenLocked();
    }
    // Neutral: still half-open; the next search is the trial.
    return;
  }
  if (state_ != State::kClosed) return;
  if (verdict == BreakerVerdict::kSuccess) {
    consecutive_failures_ = 0;
  } else if (verdict == BreakerVerdict::kFailure && ++consecutive_failures_ >= failures_to_open_) {
    OpenLocked();
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

uint64_t CircuitBreaker::opens() const {
  std::lock_guard lock(mu_);
  return opens_;
}

void CircuitBreaker::OpenLocked() {
  state_ = State::kOpen;
  ++opens_;
  open_until_ = now_() + cooldown_;
  consecutive_failures_ = 0;
  trial_in_flight_ = false;
}

}  // namespace fareflow
