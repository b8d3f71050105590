#ifndef FAREFLOW_CALENDAR_CALENDAR_MODE_H_
#define FAREFLOW_CALENDAR_CALENDAR_MODE_H_

#include "calendar/calendar.h"
#include "model/name_tables.h"

namespace fareflow {

// A price calendar's modes (request "mode", --mode, answers).
inline constexpr NamedValue<CalendarMode> kCalendarModeEntries[] = {
    {"cached", CalendarMode::kCached},
    {"fill", CalendarMode::kFill},
};
inline constexpr NameTable<CalendarMode> kCalendarModeNames{kCalendarModeEntries};

}  // namespace fareflow

#endif  // FAREFLOW_CALENDAR_CALENDAR_MODE_H_
