#include "enrich/co2_estimate.h"

namespace fareflow {

int32_t EstimateSegmentCo2Grams(int32_t distance_km, Cabin cabin) {
  if (distance_km <= 0) return 0;
  // Integer arithmetic in milli-units keeps the estimate reproducible across platforms.
  int64_t per_km = distance_km < 1000 ? 150 : distance_km <= 3700 ? 110 : 95;
  int64_t cabin_factor_milli = 1000;
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      cabin_factor_milli = 1500;
      break;
    case Cabin::kBusiness:
      cabin_factor_milli = 2900;
      break;
    case Cabin::kFirst:
      cabin_factor_milli = 4000;
      break;
    case Cabin::kEconomy:
    case Cabin::kUnknown:
      break;
  }
  int64_t grams = int64_t{distance_km} * 108 * per_km * cabin_factor_milli / (100 * 1000);
  return static_cast<int32_t>(grams);
}

}  // namespace fareflow
