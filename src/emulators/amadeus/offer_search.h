#ifndef FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_
#define FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_

#include <span>
#include <vector>

#include "model/offer.h"
#include "net/wire_exchange.h"
#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::emulators {

// How many offers a search answers at most: `max`, lowered to `offers_cap` when that is positive.
int OfferLimit(const amadeus::FlightSearch& search, int offers_cap);

// The 200 answer of a validated search: offers from the built-in generator (seeded by the
// search itself, so the same search always gives the same bytes), filtered by
// amadeus::MatchesFilters, the cheapest OfferLimit of them, written as a Flight Offers Search v2
// response. When filters apply, a larger pool is generated first so that they still leave up to the
// limit. A route the generator cannot fly answers an empty `data` array, as the real API does.
net::WireResponse SearchOffers(const amadeus::FlightSearch& search, int offers_cap);

}  // namespace fareflow::emulators

#endif  // FAREFLOW_EMULATORS_AMADEUS_OFFER_SEARCH_H_
