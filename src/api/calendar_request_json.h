#ifndef FAREFLOW_API_CALENDAR_REQUEST_JSON_H_
#define FAREFLOW_API_CALENDAR_REQUEST_JSON_H_

#include <string_view>

#include "api/search_request_validation.h"
#include "calendar/calendar.h"
#include "core/result.h"

namespace fareflow {

// The most supplier calls a calendar request may ask for (its "max_calls"; the configuration's
// calendar.max_calls caps it further). Also the value when the request names none.
inline constexpr int kMaxCalendarCallsAsked = 1000;

// Decodes a price calendar request (POST /v1/calendars, docs/api.md "Price calendar") the way
// DecodeSearchRequest decodes a search: errors are kInvalidArgument naming the JSON pointer of
// the offending value, unknown and duplicated keys are refused, null is "not set".
Result<CalendarRequest> DecodeCalendarRequest(std::string_view json,
                                              const ValidationOptions& options);

// Checks a calendar request however it was built (JSON, CLI flags): known places, a departure
// range of at most kMaxCalendarDepartureDays days not in the past, nights 0..kMaxCalendarNights
// with min <= max or a return range of at most that span reaching the departures, every date
// within kMaxFutureDays, at most kMaxCalendarCells cells, passengers, currency, max_calls.
// Fields are named as the JSON request's pointers ("/departure/from").
Result<void> ValidateCalendarRequest(const CalendarRequest& request,
                                     const ValidationOptions& options);

}  // namespace fareflow

#endif  // FAREFLOW_API_CALENDAR_REQUEST_JSON_H_
