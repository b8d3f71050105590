#include "cache/freshness.h"

namespace fareflow::cache {

std::chrono::seconds FreshnessPolicy::FreshFor(Days departure, Days today, int offers) const {
  if (offers == 0) return no_flights;
  const Days ahead = departure - today;  // negative: already departed, as close as it gets
  if (ahead <= 7) return within_7_days;
  if (ahead <= 30) return within_30_days;
  return beyond;
}

}  // namespace fareflow::cache
