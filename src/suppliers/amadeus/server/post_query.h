#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_POST_QUERY_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_POST_QUERY_H_

#include <string_view>

#include "core/datetime.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {

// Reads and validates the `GetFlightOffersQuery` body of `POST /v2/shopping/flight-offers`:
// currencyCode; originDestinations (1..6, each with id, originLocationCode,
// destinationLocationCode and departureDateTimeRange.date, in chronological order); travelers
// (1..18, each with id and travelerType; a HELD_INFANT names its adult in associatedAdultId, one
// infant per adult); sources (["GDS"]); searchCriteria.maxFlightOffers (1..250), maxPrice and
// flightFilters with cabinRestrictions, carrierRestrictions and
// connectionRestriction.maxNumberOfConnections (0..2).
//
// Issues use the same codes as the GET query's and name the offending value by a JSON pointer
// into the body (`/originDestinations/0/departureDateTimeRange/date`). ADULT, SENIOR, YOUNG and
// STUDENT travel as adults; SEATED_INFANT takes a seat and travels as a child. The generated
// offers have one cabin for the whole journey, so cabinRestrictions naming different cabins are
// refused (2668). Members the emulator does not model (time windows, radius, pricing options...)
// are accepted and ignored. `today` is the first date that is not in the past.
//
// Thread-safe: each thread parses with its own simdjson parser.
SearchOrIssues ReadPostBody(std::string_view body, Days today);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_POST_QUERY_H_
