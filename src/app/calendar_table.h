#ifndef FAREFLOW_APP_CALENDAR_TABLE_H_
#define FAREFLOW_APP_CALENDAR_TABLE_H_

#include <string>

#include "calendar/calendar.h"

namespace fareflow {

// Renders a price calendar as a grid for a terminal: a heading line (route, currency, mode,
// coverage), then departure dates down and trip lengths in nights ("3n", for a nights range) or
// return dates (for a return range) across -- one price column for a one-way calendar. Prices
// are plain amounts in the request's currency, an empty cell is "-", the cheapest cell is marked
// "*". Ends with the price bands.
std::string FormatCalendarTable(const CalendarResult& result, const CalendarRequest& request);

}  // namespace fareflow

#endif  // FAREFLOW_APP_CALENDAR_TABLE_H_
