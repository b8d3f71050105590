#ifndef FAREFLOW_SERVER_FACADE_DATES_LINKS_H_
#define FAREFLOW_SERVER_FACADE_DATES_LINKS_H_

#include <optional>
#include <string>

#include "core/codes.h"
#include "core/datetime.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/flight_dates_query.h"

namespace fareflow::server {

// The links of the facade's cached-price answers. They point at this facade, not at Amadeus: a
// client follows them to the same server it called, by the host it called it by.

// "http://<Host>" (https when the call came through a proxy saying `X-Forwarded-Proto: https`).
// A Host header that is missing or holds anything but the characters of a host name, an IPv6
// literal and a port gives "http://localhost", so that no client-sent text reaches a link
// unchecked.
std::string FacadeBaseUrl(const net::WireRequest& request);

// `{base}/v2/shopping/flight-offers?originLocationCode=…&destinationLocationCode=…&departureDate=…
// [&returnDate=…]&adults=1&nonStop=…[&maxPrice=…]&currencyCode=…`: the Flight Offers Search of one
// item. maxPrice is whole units, as the query gave it.
std::string FlightOffersLink(const std::string& base, LocationCode origin, LocationCode destination,
                             Days departure, std::optional<Days> return_date,
                             const amadeus::DatesQuery& query, CurrencyCode currency);

// `{base}/v1/shopping/flight-dates?origin=…&destination=…&departureDate=…&oneWay=…[&duration=…]
// &nonStop=…[&maxPrice=…]&viewBy=…`: the query with every default spelt out, for `destination`.
// A view flight-dates does not have (DESTINATION, COUNTRY) becomes its default.
std::string FlightDatesLink(const std::string& base, const amadeus::DatesQuery& query,
                            LocationCode destination);

// `{base}/v1/shopping/flight-destinations?origin=…&…`: likewise, without a destination.
std::string FlightDestinationsLink(const std::string& base, const amadeus::DatesQuery& query);

// "2027-03-01,2027-03-31", or one date when the range has one.
std::string DateRange(Days from, Days to);

// "1,15", or one number when the range has one.
std::string DurationRange(int from, int to);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_DATES_LINKS_H_
