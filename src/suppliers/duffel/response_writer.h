#ifndef FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_

#include <span>
#include <string>
#include <string_view>

#include "model/offer.h"
#include "model/search_request.h"

namespace fareflow::duffel {

// Writers of Duffel API v2 response bodies, for the supplier emulators, tests and benchmarks.
// Offers are written in the full Offer shape Duffel sends, noise included: deterministic ids
// ("off_…", "sli_…", "seg_…", "pas_…", "ase_…", "aln_…", "arc_…"), place objects with time zone,
// coordinates and city from the reference data, carrier objects with names and logo URLs,
// aircraft, per-passenger baggages and cabin amenities, fare brand, slice and offer conditions
// with penalties, total_emissions_kg (all seated passengers), a checked-bag available_service per
// passenger and slice, payment requirements.
//
// Only supplier fields of the offers are read (derived fields are used when set and computed
// through the reference time zones otherwise). The same offers always produce the same bytes.
// Writing never fails; offers are not validated. Each function appends to `out`.

// `POST /air/offer_requests` (`return_offers=true`) and `GET /air/offer_requests/{id}`:
// `{"data":{"id":"orq_…","live_mode":false,"created_at":…,"cabin_class":…,"slices":[…],
// "passengers":[…],"offers":[…]}}`. Slices, passengers (with children's ages) and the cabin come
// from `request`; every offer lists the request's passengers with the same ids.
void WriteOfferRequestResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out);

// One page of `GET /air/offers?offer_request_id=…`:
// `{"meta":{"limit":…,"before":null,"after":…},"data":[offer, …]}`. `after_cursor` empty writes
// `"after":null` (the last page). Passengers come from each offer's passenger_prices.
void WriteOffersListPage(std::span<const Offer> offers, std::string_view after_cursor, int limit,
                         std::string& out);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_RESPONSE_WRITER_H_
