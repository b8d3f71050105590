#ifndef FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OFFER_FILTERS_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OFFER_FILTERS_H_

#include "model/offer.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {

// True when `offer` meets the criteria of `search` that an offer source does not apply itself:
// airline lists (included: every segment's marketing carrier in the list; excluded: no segment's
// marketing or operating carrier in it), nonStop (no connection and no technical stop),
// maxNumberOfConnections (per itinerary) and maxPrice (what each traveler pays, in whole units of
// the offer currency). The emulator filters generated offers with it, the facade the offers of a
// fareflow search (where only the per-traveler maxPrice is left to check).
bool MatchesFilters(const Offer& offer, const FlightSearch& search);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_SERVER_OFFER_FILTERS_H_
