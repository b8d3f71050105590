#ifndef FAREFLOW_SUPPLIERS_AMADEUS_FLIGHT_DATES_WRITER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_FLIGHT_DATES_WRITER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/money.h"

namespace fareflow::amadeus {

// Which of the two cached-price APIs an answer is for.
enum class DatesResource : uint8_t {
  kFlightDate,         // Flight Cheapest Date Search, GET /v1/shopping/flight-dates
  kFlightDestination,  // Flight Inspiration Search, GET /v1/shopping/flight-destinations
};

// One item of `data`: the cheapest price found for a departure date (and return date).
struct DatesItem {
  LocationCode origin;
  LocationCode destination;
  Days departure = 0;
  std::optional<Days> return_date;  // none for one-way
  Money price;                      // total for one adult
  // links.flightDestinations of a flight-date, links.flightDates of a flight-destination;
  // left out when empty.
  std::string other_search_link;
  std::string offers_link;  // links.flightOffers: the Flight Offers Search of this item
};

// What `meta` says: the currency, the self link, and in `defaults` the parameters the client
// left out, with the values used (each set only when defaulted).
struct DatesMeta {
  CurrencyCode currency;
  std::string self;
  std::optional<std::string> departure_date;  // "2027-03-01,2027-05-01"
  std::optional<bool> one_way;
  std::optional<std::string> duration;  // "1,15"
  std::optional<bool> non_stop;
  std::optional<std::string_view> view_by;  // "DURATION"; a static string
};

// Appends to `out` the body of a FlightDates or FlightDestinations answer, as the specs'
// examples write it: `{"data":[{"type","origin","destination","departureDate","returnDate",
// "price":{"total"},"links":{…}}, …],"dictionaries":{"currencies":{code: NAME},"locations":
// {code:{"subType","detailedName"}}},"meta":{"currency","links":{"self"},"defaults":{…}}}`.
// Locations are every origin and destination of the items, AIRPORT or CITY (a metro code), with
// the reference data's name in upper case. Writing never fails.
void WriteFlightDatesResponse(DatesResource resource, std::span<const DatesItem> items,
                              const DatesMeta& meta, std::string& out);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_FLIGHT_DATES_WRITER_H_
