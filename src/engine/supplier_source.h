#ifndef FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_
#define FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_

#include <chrono>
#include <vector>

#include "engine/request_context.h"
#include "engine/supplier_outcome.h"
#include "enrich/enricher.h"

namespace fareflow {

// Where a search's offers come from: every configured supplier, asked at once. The search
// service sees only this, so the built-in supplier alone, a live fan-out over HTTP and a test's
// canned answers are interchangeable.
class SupplierSource {
 public:
  virtual ~SupplierSource() = default;

  // Asks every supplier for context.request(), parses and enriches each payload into `context`
  // (its arenas and payload store) as it arrives, and returns one outcome per configured
  // supplier, in configuration order. Returns by `deadline`: a supplier still in flight then is
  // cancelled and reported as SupplierStatus::kTimeout. Thread-safe; blocks the calling thread.
  virtual std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                             std::chrono::steady_clock::time_point deadline) = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SUPPLIER_SOURCE_H_
