#ifndef FAREFLOW_CORE_CLOCK_H_
#define FAREFLOW_CORE_CLOCK_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "core/datetime.h"

namespace fareflow {

// The one place fareflow reads the wall clock (std::chrono::system_clock) for dates and
// timestamps, and the one way it writes a UTC timestamp. Code that must be testable takes the
// time as a parameter or an injected clock and calls these only for its default.
// Thread-safe: no state.

// Seconds since 1970-01-01T00:00:00Z, now.
int64_t UnixSecondsNow();

// Today's date in UTC.
Days TodayUtc();

// "2026-11-28T21:50:00Z": `when` to the second (truncated), UTC.
std::string IsoUtc(std::chrono::system_clock::time_point when);

// "2026-11-28T21:50:00.123Z": `when` to the millisecond (truncated), UTC.
std::string IsoUtcMillis(std::chrono::system_clock::time_point when);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_CLOCK_H_
