#ifndef FAREFLOW_SERVER_FACADE_CURRENCY_H_
#define FAREFLOW_SERVER_FACADE_CURRENCY_H_

#include "core/arena.h"
#include "model/offer.h"

namespace fareflow::server {

// `offer` priced in the currency the client asked for. Amadeus answers in `currencyCode` alone,
// while a fareflow offer keeps its supplier's amounts (Offer::total, base, passenger prices) and
// states the requested currency only in the derived total_requested. When the two currencies
// differ, the copy's supplier amounts are scaled by total_requested / total, so the total equals
// total_requested exactly and the parts keep their proportions (rounded half away from zero).
// Penalties in `conditions` are left as the supplier stated them.
//
// Lifetimes: the copy shares every view of `offer` (slices, strings) except the restated
// passenger prices, which are allocated in `arena`; it is valid while both are.
Offer InRequestedCurrency(const Offer& offer, Arena& arena);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_CURRENCY_H_
