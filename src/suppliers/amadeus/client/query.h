#ifndef FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_QUERY_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_QUERY_H_

#include <string>

#include "model/search_request.h"

namespace fareflow::amadeus {

// The body of `POST /v2/shopping/flight-offers` (Amadeus Flight Offers Search v2, a
// GetFlightOffersQuery) asking for `request`:
//   - currencyCode; one originDestination per slice (ids "1".., departureDateTimeRange.date);
//   - travelers: adults as ADULT, children under 12 as CHILD and children of 12 and over as ADULT
//     (the API's age bands; it takes no age), infants as HELD_INFANT, each on its own adult
//     (associatedAdultId);
//   - sources ["GDS"]; searchCriteria.maxFlightOffers = `max_offers` (1..250);
//   - flightFilters.cabinRestrictions: the cabin with coverage MOST_SEGMENTS on every
//     originDestination (none for Cabin::kUnknown);
//   - connectionRestriction.maxNumberOfConnections from max_connections (the API takes 0..2;
//     more than 2 asks for no restriction).
// Carrier and price filters are left to the pipeline, which applies them to every supplier alike.
std::string AmadeusQueryBody(const SearchRequest& request, int max_offers);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_CLIENT_QUERY_H_
