#ifndef FAREFLOW_SERVER_ROUTES_CALENDAR_HANDLER_H_
#define FAREFLOW_SERVER_ROUTES_CALENDAR_HANDLER_H_

#include <chrono>
#include <string_view>

#include "net/exchange.h"
#include "server/routes/router.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// Answers one price calendar request body (docs/api.md, "Price calendar") on the calling thread:
// 200 with the calendar, or a 400 invalid_argument error naming the field. The suppliers' time
// counts from `arrived`, capped by `deadline_cap` (a WireRequest's deadline; max() = none).
// Needs services.calendar. Thread-safe; blocks for the whole calendar.
net::WireResponse AnswerCalendar(std::string_view body, const ApiServices& services,
                                 std::chrono::steady_clock::time_point arrived,
                                 std::chrono::steady_clock::time_point deadline_cap =
                                     std::chrono::steady_clock::time_point::max());

// POST /v1/calendars: decodes the request on the io thread (a bad one gets its 400 at once) and
// runs the calendar on services.search_pool like a search (MakeSearchHandler): 503 overloaded
// when services.queue_limit tasks already wait, 503 deadline_exceeded when its deadline, counted
// from the request's arrival, passes while it waits. Needs services.calendar.
RouteHandler MakeCalendarHandler(const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_CALENDAR_HANDLER_H_
