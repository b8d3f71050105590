#ifndef FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_
#define FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_

#include <span>
#include <vector>

#include "emulators/amadeus/flight_search.h"
#include "model/offer.h"
#include "net/wire_exchange.h"

namespace fareflow::emulators::amadeus_emulator {

// True when `offer` meets the criteria of `search` the generator does not apply itself: airline
// lists (included: every segment's marketing carrier in the list; excluded: no segment's
// marketing or operating carrier in it), nonStop (no connection and no technical stop),
// maxNumberOfConnections (per itinerary) and maxPrice (what each traveler pays, in whole units of
// the offer currency).
bool MatchesFilters(const Offer& offer, const FlightSearch& search);

// How many offers a search answers at most: `max`, lowered to `offers_cap` when that is positive.
int OfferLimit(const FlightSearch& search, int offers_cap);

// The 200 answer of a validated search: offers from the built-in generator (seeded by the
// search itself, so the same search always gives the same bytes), filtered by MatchesFilters,
// the cheapest OfferLimit of them, written as a Flight Offers Search v2 response. When filters
// apply, a larger pool is generated first so that they still leave up to the limit. A route the
// generator cannot fly answers an empty `data` array, as the real API does.
net::WireResponse SearchOffers(const FlightSearch& search, int offers_cap);

}  // namespace fareflow::emulators::amadeus_emulator

#endif  // FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_
