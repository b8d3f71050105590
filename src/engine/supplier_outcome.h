#ifndef FAREFLOW_ENGINE_SUPPLIER_OUTCOME_H_
#define FAREFLOW_ENGINE_SUPPLIER_OUTCOME_H_

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/supplier_kind.h"
#include "model/offer_batch.h"
#include "model/supplier_status.h"
#include "pipeline/fare_summary.h"

namespace fareflow {

// Where a supplier's part of an answer came from: asked now, or the cache of supplier answers
// (answers' per-supplier "cache": docs/api.md).
struct CacheUse {
  bool from_cache = false;  // false: the supplier was asked (or ran in process) for this search
  int64_t age_seconds = 0;  // since the cached answer was received; 0 when asked now
  bool stale = false;       // past its freshness, served while a refresh runs (or was refused)
};

struct SupplierOutcome {
  std::string name;  // as configured, e.g. "amadeus-1"
  SupplierKind kind = SupplierKind::kBuiltin;
  SupplierStatus status = SupplierStatus::kOk;
  std::string error;   // empty when ok
  int64_t bytes = 0;   // payload size
  int64_t micros = 0;  // time to obtain, parse and enrich the payload
  // The offers; lives in the request's arenas. Null when the payload yielded nothing usable.
  OfferBatch* batch = nullptr;
  // The payload bytes `batch` was parsed from; points into the RequestContext's payload store and
  // is valid as long as the context. Empty when no payload arrived, and for the built-in
  // supplier, which has no wire format. Kept so that a stored search can be replayed.
  std::string_view payload;
  // At most this many of the payload's offers were kept (the configured max_offers; Duffel may
  // send more); max() when uncapped. For the built-in supplier: how many offers it was asked to
  // generate.
  int max_offers = std::numeric_limits<int>::max();
  CacheUse cache;
  // The price calendar's view of the offers (pipeline/fare_summary.h), when the source computed
  // it; with FetchOptions::summaries_only a cached answer has this and no batch.
  std::optional<FareSummary> summary;

  // A paged supplier whose later page failed: `status` is the failure's, and the offers of the
  // pages before it (in `batch`) are still valid offers of the answer (docs/api.md, "Paged
  // suppliers"). False for a payload that failed as a whole, whose `batch` may hold what was read
  // before the failure and is not used.
  bool offers_despite_failure = false;

  int received() const { return batch ? batch->received : 0; }
  int kept() const { return batch ? static_cast<int>(batch->offers.size()) : 0; }
  // Whether the offers in `batch` take part in the answer: a status with offers (ok, truncated),
  // or the pages kept before a failure.
  bool ContributesOffers() const {
    return batch != nullptr && (HasOffers(status) || offers_despite_failure);
  }
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SUPPLIER_OUTCOME_H_
