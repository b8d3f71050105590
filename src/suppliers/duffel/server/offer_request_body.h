#ifndef FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFER_REQUEST_BODY_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFER_REQUEST_BODY_H_

#include <string_view>

#include <tl/expected.hpp>

#include "core/datetime.h"
#include "model/search_request.h"
#include "suppliers/duffel/server/errors.h"

namespace fareflow::duffel {

// Max connections Duffel applies when an offer request does not say (its documented default).
inline constexpr int kDuffelDefaultMaxConnections = 1;

// Decodes and validates the body of `POST /air/offer_requests`
// (`{"data":{"slices":[{"origin":…,"destination":…,"departure_date":…}],"passengers":[…],
// "cabin_class":…,"max_connections":…}}`) into a SearchRequest (currency EUR), as Duffel would:
//   - slices: 1 to 6, each with a three-letter IATA airport or city code known to the reference
//     data as origin and destination (different), and a "YYYY-MM-DD" departure date not before
//     `today` (UTC) and not before the previous slice's;
//   - passengers: each with `type` ("adult", "child", "infant_without_seat") and/or `age`
//     (0..130; the age decides: 18 and over adult, 2..17 child, under 2 an infant on a lap);
//     a child needs an age; at least one adult, at most 9 passengers, no more infants than
//     adults;
//   - cabin_class: absent, null or "economy", "premium_economy", "business", "first";
//   - max_connections: absent or null (then kDuffelDefaultMaxConnections), or 0..2.
// Unknown members are ignored. Problems are Duffel's: 422 `validation_required` or
// `invalid_data` with `source.pointer` relative to `data` ("/slices/0/origin"), or 400
// `bad_request` for a body that is not a JSON object with a `data` object. The first problem
// found is reported.
tl::expected<SearchRequest, DuffelProblem> DecodeOfferRequestBody(std::string_view body,
                                                                  Days today);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_SERVER_OFFER_REQUEST_BODY_H_
