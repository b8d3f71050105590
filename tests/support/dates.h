#ifndef FAREFLOW_TESTS_SUPPORT_DATES_H_
#define FAREFLOW_TESTS_SUPPORT_DATES_H_

// Dates relative to today, for requests a live search must accept (departures are refused in
// the past or more than 361 days ahead).

#include <string>

#include "core/clock.h"
#include "core/datetime.h"

namespace fareflow::testing_support {

// "YYYY-MM-DD", `days` after today (UTC).
inline std::string DaysFromNow(int days) {
  char text[10];
  FormatDate(TodayUtc() + days, text);
  return std::string(text, sizeof text);
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_DATES_H_
