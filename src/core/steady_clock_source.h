#ifndef FAREFLOW_CORE_STEADY_CLOCK_SOURCE_H_
#define FAREFLOW_CORE_STEADY_CLOCK_SOURCE_H_

#include <chrono>
#include <functional>

namespace fareflow {

// Where token expiry and circuit breakers read the time; tests pass a clock they move. Must be
// thread-safe: it is called from search threads and the HTTP client's io thread.
using SteadyClockSource = std::function<std::chrono::steady_clock::time_point()>;

// The clock to use: `clock`, or std::chrono::steady_clock when it is empty.
inline SteadyClockSource ClockOrSteady(SteadyClockSource clock) {
  if (clock) return clock;
  return [] { return std::chrono::steady_clock::now(); };
}

}  // namespace fareflow

#endif  // FAREFLOW_CORE_STEADY_CLOCK_SOURCE_H_
