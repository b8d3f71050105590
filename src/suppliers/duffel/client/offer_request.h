#ifndef FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFER_REQUEST_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFER_REQUEST_H_

#include <chrono>
#include <string>

#include "model/search_request.h"

namespace fareflow::duffel {

// The body of Duffel's `POST /air/offer_requests` asking for `request`:
// `{"data":{"slices":[{"origin","destination","departure_date"}],"passengers":[…],
// "cabin_class","max_connections"}}`. Adults are `{"type":"adult"}`, children `{"age":N}`,
// infants `{"type":"infant_without_seat"}`. cabin_class is omitted for Cabin::kUnknown;
// max_connections is sent when the request sets one (Duffel takes 0..2; more is sent as 2, the
// most Duffel offers anyway) and otherwise omitted (Duffel's default then applies).
std::string DuffelOfferRequestBody(const SearchRequest& request);

// The path and query of the offer request: offers returned in the answer, and Duffel's own
// airline timeout (`supplier_timeout`) a quarter of a second inside `left`, the time the call has
// before its deadline, so that Duffel answers with what it has rather than not at all. Duffel
// ignores values outside 2..60 s (falling back to its default 20 s), so the value is kept within
// them; below 2 s our own deadline ends the call. Without `return_offers` the answer holds the
// offer request alone, and its offers are paged (offers_page.h).
std::string DuffelOfferRequestTarget(std::chrono::milliseconds left, bool return_offers = true);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_CLIENT_OFFER_REQUEST_H_
