#ifndef FAREFLOW_CACHE_FRESHNESS_H_
#define FAREFLOW_CACHE_FRESHNESS_H_

#include <chrono>

#include "core/datetime.h"

namespace fareflow::cache {

// How long a supplier's answer may stand in for a new call, by how far away the departure is.
// The defaults follow Skyscanner's published cache lifetimes: fares close to departure move by
// the hour, fares months away by the day. Configurable (docs/configuration.md, `cache`).
struct FreshnessPolicy {
  std::chrono::seconds within_7_days{4 * 3600};    // departure 0..7 days after today
  std::chrono::seconds within_30_days{24 * 3600};  // 8..30 days
  std::chrono::seconds beyond{36 * 3600};          // later
  std::chrono::seconds no_flights{36 * 3600};      // an answer with no offers, at any distance
  // How long past its freshness an entry is kept: served stale while one refresh runs, or when
  // the supplier's call budget is spent. 0 = never served stale.
  std::chrono::seconds max_stale{24 * 3600};

  // How long an answer with `offers` offers, received on `today` (UTC) for a departure on
  // `departure`, stays fresh. A departure before today counts as within 7 days.
  std::chrono::seconds FreshFor(Days departure, Days today, int offers) const;
};

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_FRESHNESS_H_
