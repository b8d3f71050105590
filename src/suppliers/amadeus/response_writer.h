#ifndef FAREFLOW_SUPPLIERS_AMADEUS_RESPONSE_WRITER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_RESPONSE_WRITER_H_

#include <span>
#include <string>

#include "model/offer.h"
#include "model/search_request.h"

namespace fareflow::amadeus {

// Appends to `out` the body of an Amadeus Flight Offers Search v2 response
// (`GET /v2/shopping/flight-offers`) carrying `offers`, as the real API writes it:
// `{"meta":{"count","links"},"data":[flight-offer, …],"dictionaries":{locations, aircraft,
// currencies, carriers}}`.
//
// Each flight-offer has ids "1".."n" in order, itineraries with segments numbered "1".."k" within
// the offer, local times as "YYYY-MM-DDTHH:MM:SS", durations as "PT#H#M", amounts as decimal
// strings with the currency's minor digits, a travelerPricings entry per passenger (ADULT, CHILD,
// HELD_INFANT with associatedAdultId; passengers taken from each offer's passenger_prices), and a
// fareDetailsBySegment entry per segment with cabin, fare basis, branded fare, booking class,
// included checked and cabin bags and the brand's amenities. CO2 the supplier stated
// (Offer::supplier_co2_grams) is split over the segments in whole kilograms that add up to it.
//
// Only supplier fields of the offers are read (derived fields are used when set, e.g. UTC times
// for durations, and computed through the reference time zones otherwise). `request` supplies
// the query of `meta.links.self`. Writing never fails; offers are not validated.
void WriteFlightOffersResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_RESPONSE_WRITER_H_
