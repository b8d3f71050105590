#ifndef FAREFLOW_API_CALENDAR_RESPONSE_H_
#define FAREFLOW_API_CALENDAR_RESPONSE_H_

#include <string>

#include "calendar/calendar.h"
#include "core/json_writer.h"
#include "model/search_request.h"

namespace fareflow {

// Writes a price calendar answer (docs/api.md, "Price calendar"): every cell with its prices,
// airlines, stops, suppliers (live or cache, with age) and the v1 search of its full results;
// the summary (cheapest cell, price bands, coverage); the mode and currency. Appends to `out`.
void WriteCalendarResponse(const CalendarResult& result, const CalendarRequest& request,
                           std::string& out);

// Writes `search` as a v1 search request body that POST /v1/searches accepts as it is: slices,
// passengers (children by age), cabin, currency, max_connections and the filters a calendar
// cell's search has (max_stops, max_price).
void WriteCellSearchRequest(const SearchRequest& search, JsonWriter& w);

}  // namespace fareflow

#endif  // FAREFLOW_API_CALENDAR_RESPONSE_H_
