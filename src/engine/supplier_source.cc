#include "engine/supplier_source.h"

#include <utility>

namespace fareflow {
namespace {

// A fetch that was done when it was begun.
class DoneFetch final : public PendingFetch {
 public:
  explicit DoneFetch(std::vector<SupplierOutcome> outcomes) : outcomes_(std::move(outcomes)) {}
  std::vector<SupplierOutcome> Wait() override { return std::move(outcomes_); }

 private:
  std::vector<SupplierOutcome> outcomes_;
};

}  // namespace

std::unique_ptr<PendingFetch> SupplierSource::Begin(RequestContext& context,
                                                    const Enricher& enricher,
                                                    std::chrono::steady_clock::time_point deadline,
                                                    FetchOptions /*options*/) {
  std::vector<SupplierOutcome> outcomes = Fetch(context, enricher, deadline);
  for (SupplierOutcome& outcome : outcomes) {
    if (!outcome.summary && outcome.batch) outcome.summary = SummarizeOffers(outcome.batch->offers);
  }
  return std::make_unique<DoneFetch>(std::move(outcomes));
}

}  // namespace fareflow
