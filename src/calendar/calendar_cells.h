#ifndef FAREFLOW_CALENDAR_CALENDAR_CELLS_H_
#define FAREFLOW_CALENDAR_CALENDAR_CELLS_H_

#include <optional>
#include <vector>

#include "calendar/calendar.h"
#include "core/datetime.h"
#include "model/search_request.h"

namespace fareflow {

// The cells a calendar request asks for, departure ascending, then return ascending, each with
// its search set and nothing else: one per departure date (one way); per departure date and trip
// length (nights) or per departure and return date (a return range) for a round trip, where a
// return before its departure is no cell. Does not check the count against kMaxCalendarCells
// (the decoder does, with CalendarCellCount).
std::vector<CalendarCell> ExpandCells(const CalendarRequest& request);

// How many cells ExpandCells would make, without making them.
int CalendarCellCount(const CalendarRequest& request);

// The v1 search of one cell: the route out (and back, for a return date), the request's
// passengers, cabin and currency, max_stops as a filter and as max_connections asked of the
// suppliers, max_price as a filter, the default sort and page size.
SearchRequest CellSearch(const CalendarRequest& request, Days departure,
                         std::optional<Days> return_date);

}  // namespace fareflow

#endif  // FAREFLOW_CALENDAR_CALENDAR_CELLS_H_
