#ifndef FAREFLOW_MODEL_CARRIER_NAME_H_
#define FAREFLOW_MODEL_CARRIER_NAME_H_

#include <string_view>

#include "core/codes.h"
#include "model/offer.h"

namespace fareflow {

// The name an answer gives a carrier: the name the supplier gave it (suppliers/carrier_names.h),
// else the reference data's, which marks some defunct airlines as active under a code that now
// belongs to another. Offers (api/offer_json.cc) and the airline facet (pipeline/facets.cc) both
// name carriers through this, so an answer cannot name one carrier two ways. Empty when neither
// names it. The view is `supplier_name` or the reference data's (static).
std::string_view CarrierDisplayName(AirlineCode code, std::string_view supplier_name);

// The display name of `code` as a marketing carrier of `offer`: CarrierDisplayName with the
// supplier's name on the first segment `code` markets (a payload gives a code one name, so every
// such segment of the offer has the same), or with none when `code` markets no segment. The view
// lives as long as the offer's strings (its payload or arena) or is static.
std::string_view MarketingCarrierDisplayName(const Offer& offer, AirlineCode code);

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_CARRIER_NAME_H_
