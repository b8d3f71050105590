#ifndef FAREFLOW_TESTS_SUPPORT_STAGED_SOURCE_H_
#define FAREFLOW_TESTS_SUPPORT_STAGED_SOURCE_H_

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/builtin_supplier.h"
#include "engine/supplier_source.h"

namespace fareflow {

// Built-in suppliers that finish in a scripted order, with no threads or clocks: a streamed
// search sees them one at a time. Supplier i is named names[i] and generates offers[i] offers.
// PendingFetch::Progress hands out one supplier a call, in `order`; the suppliers left out of
// `order` are still in flight at the deadline, and Wait reports them as timeouts. Fetch gives
// the same outcomes at once. Recorded, under one id: the same request searched twice, streamed or
// not, has the same search id, so the two answers compare byte for byte. Thread-safe.
class StagedSource final : public SupplierSource {
 public:
  StagedSource(std::vector<std::string> names, std::vector<int> offers,
               std::vector<std::size_t> order)
      : names_(std::move(names)), offers_(std::move(offers)), order_(std::move(order)) {}

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override {
    return Begin(context, enricher, deadline, {})->Wait();
  }

  std::unique_ptr<PendingFetch> Begin(RequestContext& context, const Enricher& enricher,
                                      std::chrono::steady_clock::time_point /*deadline*/,
                                      FetchOptions /*options*/) override {
    std::vector<SupplierOutcome> outcomes;
    std::vector<bool> answers(names_.size(), false);
    for (std::size_t i : order_) answers[i] = true;
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (answers[i]) {
        outcomes.push_back(
            RunBuiltinSupplier(enricher, context, static_cast<uint16_t>(i), offers_[i], names_[i]));
        continue;
      }
      SupplierOutcome& late = outcomes.emplace_back();
      late.name = names_[i];
      late.status = SupplierStatus::kTimeout;
      late.error = "no answer before the deadline";
    }
    return std::make_unique<Staged>(std::move(outcomes), order_);
  }

  bool Recorded() const override { return true; }
  std::string RecordingId(std::span<const SupplierOutcome> /*outcomes*/) const override {
    return "staged";
  }

 private:
  class Staged final : public PendingFetch {
   public:
    Staged(std::vector<SupplierOutcome> outcomes, std::vector<std::size_t> order)
        : outcomes_(std::move(outcomes)), order_(std::move(order)) {}
    std::vector<SupplierOutcome> Wait() override { return std::move(outcomes_); }
    std::vector<std::pair<std::size_t, SupplierOutcome>> Progress() override {
      if (next_ == order_.size()) return {};
      const std::size_t i = order_[next_++];
      std::vector<std::pair<std::size_t, SupplierOutcome>> done;
      done.emplace_back(i, outcomes_[i]);
      return done;
    }
    std::size_t SupplierCount() const override { return outcomes_.size(); }

   private:
    std::vector<SupplierOutcome> outcomes_;
    std::vector<std::size_t> order_;
    std::size_t next_ = 0;
  };

  const std::vector<std::string> names_;
  const std::vector<int> offers_;
  const std::vector<std::size_t> order_;
};

}  // namespace fareflow

#endif  // FAREFLOW_TESTS_SUPPORT_STAGED_SOURCE_H_
