#ifndef FAREFLOW_SERVER_FACADE_REQUEST_H_
#define FAREFLOW_SERVER_FACADE_REQUEST_H_

#include "model/search_request.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::server {

// The fareflow search that answers a Flight Offers Search: its slices, passengers (children as
// aged amadeus::kChildAge, held infants on laps), cabin and currency, and
// the criteria as fareflow filters: nonStop as max_stops 0 (technical stops count), the
// connection limit per itinerary as max_connections, included/excluded carriers as the airline
// filters, which have Amadeus's meaning. maxPrice is per traveler in Amadeus but a total in
// fareflow, so it becomes the total of every traveler paying it: a bound that keeps every
// offer meeting it; the exact per-traveler test is left to the caller (MatchesFilters).
//
// Sorted cheapest first and unpaged, since the answer is the cheapest `max` offers.
SearchRequest ToFareflowRequest(const amadeus::FlightSearch& search);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_REQUEST_H_
