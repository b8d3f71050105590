#ifndef FAREFLOW_API_OFFER_JSON_H_
#define FAREFLOW_API_OFFER_JSON_H_

#include <span>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "engine/supplier_outcome.h"
#include "model/offer.h"

namespace fareflow {

// The id fareflow gives an offer in its answers: "ff_" and the dedupe key in hex. Stable for the
// same flights, cabin and brand, and unique within a search after dedupe.
//
// Not a secret, and need not be: it is a hash of public content (anyone who knows the flights can
// compute it) and grants nothing alone. The only route that takes one,
// GET /v1/searches/{id}/offers/{offer_id}, looks it up inside the search its search id names,
// and the search id is the unguessable part (128 random bits, engine/completed_search.h). A
// route that found an offer by this id without a search id would need an id from core/
// secure_random instead.
std::string OfferId(const Offer& offer);
inline constexpr std::size_t kOfferIdLength = 19;
// Writes the same id into out[0..kOfferIdLength) without allocating.
void FormatOfferId(const Offer& offer, char* out);

// Writes one offer of the fareflow v1 response (docs/api.md): prices, tags, slices with their
// segments and layovers, names from the reference data, bags, conditions, CO2 and every
// supplier's price. `suppliers` names the supplier indices of pricing options.
void WriteOfferJson(const Offer& offer, std::span<const SupplierOutcome> suppliers, JsonWriter& w);

// Writes a Money as {"amount":"123.45","currency":"EUR"}.
void WriteMoneyJson(const Money& m, JsonWriter& w);

}  // namespace fareflow

#endif  // FAREFLOW_API_OFFER_JSON_H_
