#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_DATES_QUERY_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_DATES_QUERY_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include <tl/expected.hpp>
#include "core/codes.h"
#include "core/datetime.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::amadeus {

// The query parameters of Flight Cheapest Date Search (`GET /v1/shopping/flight-dates`) and
// Flight Inspiration Search (`GET /v1/shopping/flight-destinations`), the two read by the same
// rules: origin (and, for dates, destination) as IATA codes, departureDate a date or an inclusive
// range "2027-03-01,2027-03-31", oneWay, duration in days (nights away) as a number or a range
// "2,8", nonStop, maxPrice in whole units of the answer's currency, viewBy.

// How the answer groups its cells: one item per group, the cheapest of it.
enum class DatesView : uint8_t {
  kDate,         // per departure date
  kDuration,     // per departure date and duration (every cell)
  kWeek,         // per 7 days of departure dates, counted from the first date asked
  kDestination,  // per destination (inspiration only)
  kCountry,      // per destination country (inspiration only)
};

// "DATE", "DURATION", "WEEK", "DESTINATION", "COUNTRY".
std::string_view DatesViewName(DatesView view);

// The widest ranges asked at once: what one price calendar covers (calendar/calendar.h keeps the
// same bounds, which flight_dates_query_test pins to these; this folder does not import it).
inline constexpr int kMaxDatesDepartureDays = 62;
inline constexpr int kMaxDatesDuration = 60;        // flight-dates
inline constexpr int kMaxInspirationDuration = 15;  // flight-destinations, as its spec says
inline constexpr int kMaxDatesCells = 62 * 31;

// A read query, with the defaults applied to what was left out; each `*_defaulted` says the value
// is a default, for the answer's `meta.defaults`.
struct DatesQuery {
  LocationCode origin;
  LocationCode destination;  // invalid for flight-destinations
  Days departure_from = 0;   // inclusive
  Days departure_to = 0;     // inclusive
  bool one_way = false;
  int min_duration = 0;  // nights away; 0 and 0 when one_way
  int max_duration = 0;
  bool non_stop = false;
  std::optional<int64_t> max_price;  // whole units, total for one adult
  DatesView view = DatesView::kDuration;

  bool departure_defaulted = false;
  bool one_way_defaulted = false;
  bool duration_defaulted = false;
  bool non_stop_defaulted = false;
  bool view_defaulted = false;
};

using DatesQueryOrIssues = tl::expected<DatesQuery, Issues>;

// Reads `GET /v1/shopping/flight-dates`. Defaults: departureDate today and the 61 days after it
// (the calendar's widest range; Amadeus's own default is half a year of its cache), oneWay false,
// duration 1..15, nonStop false, viewBy DATE when oneWay and DURATION otherwise. Every issue is
// reported, each naming its parameter: a missing origin or destination 32171, a malformed value
// 477, an unknown code or a value out of range (a departure range over 62 days, more than
// kMaxDatesCells cells) 4926, a past or inverted date 425, duration with oneWay=true or
// DESTINATION/COUNTRY views 2668. An empty value counts as absent; unknown parameters are
// ignored. `today` is the first date that is not in the past. Never throws on what is sent.
DatesQueryOrIssues ReadFlightDatesQuery(const net::WireRequest& request, Days today);

// Reads `GET /v1/shopping/flight-destinations` by the same rules, without a destination: viewBy
// also takes DESTINATION and COUNTRY, and defaults to DESTINATION (the cheapest date per
// destination, as Amadeus answers by default); duration lies within 1..15.
DatesQueryOrIssues ReadFlightDestinationsQuery(const net::WireRequest& request, Days today);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_FLIGHT_DATES_QUERY_H_
