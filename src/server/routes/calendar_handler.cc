#include "server/routes/calendar_handler.h"

#include <exception>
#include <memory>
#include <utility>

#include "api/calendar_request_json.h"
#include "api/calendar_response.h"
#include "calendar/calendar.h"
#include "core/clock.h"
#include "engine/worker_pool.h"
#include "server/routes/api_error.h"
#include "server/routes/search_handler.h"

namespace fareflow::server {
namespace {

using Clock = std::chrono::steady_clock;

Result<CalendarRequest> DecodeCalendar(std::string_view body, const ApiServices& services) {
  const ValidationOptions validation{.check_dates = true,
                                     .today = services.today != 0 ? services.today : TodayUtc()};
  return DecodeCalendarRequest(body, validation);
}

// Runs a decoded calendar whose suppliers' time ends at `deadline` and writes its answer.
net::WireResponse RunCalendar(const CalendarRequest& request, const ApiServices& services,
                              Clock::time_point deadline) {
  try {
    const CalendarResult result = services.calendar->Run(request, deadline);
    net::WireResponse response;
    WriteCalendarResponse(result, request, response.body);
    return response;
  } catch (const std::exception& e) {
    // Nothing a client sends should get here; answer rather than drop the connection.
    return ApiError(500, "internal", e.what());
  }
}

}  // namespace

net::WireResponse AnswerCalendar(std::string_view body, const ApiServices& services,
                                 Clock::time_point arrived, Clock::time_point deadline_cap) {
  Result<CalendarRequest> request = DecodeCalendar(body, services);
  if (!request) return RequestError(request.error());
  return RunCalendar(*request, services,
                     services.calendar->Deadline(*request, arrived, deadline_cap));
}

RouteHandler MakeCalendarHandler(const ApiServices& services) {
  return [services](std::shared_ptr<net::Exchange> exchange, const RouteMatch&) {
    // The deadline counts from here: time spent waiting for a search thread is part of it.
    const Clock::time_point arrived = Clock::now();
    Result<CalendarRequest> request = DecodeCalendar(exchange->request().body, services);
    if (!request) return exchange->Respond(RequestError(request.error()));
    const Clock::time_point deadline =
        services.calendar->Deadline(*request, arrived, exchange->request().deadline);
    std::shared_ptr<net::Exchange> refused = exchange;  // answers if the calendar never runs
    const bool queued = services.search_pool->TrySubmit(
        [exchange = std::move(exchange), request = std::move(*request), services,
         deadline](simdjson::ondemand::parser&) {
          exchange->Respond(RunCalendar(request, services, deadline));
        },
        services.queue_limit,
        {.deadline = deadline, .refuse = [refused](PoolRefusal why) {
           refused->Respond(why == PoolRefusal::kClosed ? ShuttingDown() : QueuedPastDeadline());
         }});
    if (!queued) {
      refused->Respond(services.search_pool->closed() ? ShuttingDown() : Overloaded());
    }
  };
}

}  // namespace fareflow::server
