#include "engine/supplier_source.h"

#include <utility>

namespace fareflow {
namespace {

// A fetch that was done when it was begun: Progress reports every supplier at once, in
// configuration order, on its first call.
class DoneFetch final : public PendingFetch {
 public:
  explicit DoneFetch(std::vector<SupplierOutcome> outcomes) : outcomes_(std::move(outcomes)) {}
  std::vector<SupplierOutcome> Wait() override { return std::move(outcomes_); }
  std::vector<std::pair<std::size_t, SupplierOutcome>> Progress() override {
    std::vector<std::pair<std::size_t, SupplierOutcome>> done;
    if (reported_) return done;
    reported_ = true;
    done.reserve(outcomes_.size());
    for (std::size_t i = 0; i < outcomes_.size(); ++i) done.emplace_back(i, outcomes_[i]);
    return done;
  }
  std::size_t SupplierCount() const override { return outcomes_.size(); }

 private:
  std::vector<SupplierOutcome> outcomes_;
  bool reported_ = false;
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
