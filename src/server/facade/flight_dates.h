#ifndef FAREFLOW_SERVER_FACADE_FLIGHT_DATES_H_
#define FAREFLOW_SERVER_FACADE_FLIGHT_DATES_H_

#include <chrono>
#include <string>

#include "net/wire_exchange.h"
#include "server/services/api_services.h"
#include "suppliers/amadeus/server/flight_dates_query.h"

namespace fareflow::server {

// Flight Cheapest Date Search and Flight Inspiration Search, answered as Amadeus answers them:
// from prices already known, never by calling a supplier. Each runs services.calendar in
// CalendarMode::kCached for one adult in economy, prices in EUR (the specs hide the currency
// parameter), nonStop as max_stops 0 and maxPrice (whole euros) as the calendar's max_price.
// Cells without a price are left out; the items left are grouped by `query.view` and each group
// answered by its cheapest cell. `base_url` (FacadeBaseUrl) starts every link.
//
// 200 FlightDates / FlightDestinations (amadeus/flight_dates_writer.h); 404 code 6003 when no
// cell has a price; 500 code 141 when services.calendar is null or the calendar fails.
//
// Block for the calendars' lookups, so they run on services.search_pool. Thread-safe.
// `deadline_cap` caps each calendar's deadline, as SearchCall::deadline_cap a search's.

// GET /v1/shopping/flight-dates: one calendar, origin to destination; items by departure date,
// then return date.
net::WireResponse AnswerFlightDates(const amadeus::DatesQuery& query, const ApiServices& services,
                                    const std::string& base_url,
                                    std::chrono::steady_clock::time_point deadline_cap);

// GET /v1/shopping/flight-destinations: one calendar per InspirationDestinations(origin), as many
// of the nearest as keep the cells within kMaxInspirationCells, begun for 5 seconds at most (a
// source that computes its answers, like the built-in supplier, takes a fraction of a millisecond
// per cell); items cheapest first.
net::WireResponse AnswerFlightDestinations(const amadeus::DatesQuery& query,
                                           const ApiServices& services, const std::string& base_url,
                                           std::chrono::steady_clock::time_point deadline_cap);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_FLIGHT_DATES_H_
