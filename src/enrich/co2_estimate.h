#ifndef FAREFLOW_ENRICH_CO2_ESTIMATE_H_
#define FAREFLOW_ENRICH_CO2_ESTIMATE_H_

#include <cstdint>

#include "model/cabin.h"

namespace fareflow {

// Estimated CO2 of one passenger on one flight segment, in grams, for offers whose supplier gives
// no emissions figure. The formula (also in docs/architecture.md):
//
//   grams = distance_km * 1.08 * per_km(distance_km) * cabin_factor(cabin)
//
// where 1.08 uplifts the great-circle distance for real routings and holding, per_km is the
// economy-seat intensity in grams CO2 per passenger-km (150 below 1,000 km, where take-off and
// climb weigh most; 110 up to 3,700 km; 95 beyond), and cabin_factor charges the floor space a
// seat takes (economy 1.0, premium economy 1.5, business 2.9, first 4.0; unknown counts as
// economy). The intensities are of the order published for average load factors and are meant
// for ranking and filtering, not for carbon accounting.
int32_t EstimateSegmentCo2Grams(int32_t distance_km, Cabin cabin);

}  // namespace fareflow

#endif  // FAREFLOW_ENRICH_CO2_ESTIMATE_H_
