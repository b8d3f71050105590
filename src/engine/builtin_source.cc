#include "engine/builtin_source.h"

namespace fareflow {

std::vector<SupplierOutcome> BuiltinSource::Fetch(RequestContext& context, const Enricher& enricher,
                                                  std::chrono::steady_clock::time_point) {
  // Generation takes milliseconds and cannot be cancelled half-way, so the deadline is moot.
  std::vector<SupplierOutcome> outcomes;
  outcomes.push_back(RunBuiltinSupplier(enricher, context, 0, offers_, name_));
  return outcomes;
}

}  // namespace fareflow
