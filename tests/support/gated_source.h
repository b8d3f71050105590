#ifndef FAREFLOW_TESTS_SUPPORT_GATED_SOURCE_H_
#define FAREFLOW_TESTS_SUPPORT_GATED_SOURCE_H_

#include <chrono>
#include <future>
#include <mutex>
#include <vector>

#include "engine/builtin_source.h"
#include "engine/supplier_source.h"

namespace fareflow {

// A SupplierSource that holds every search until the test releases it, saying when the first one
// has started, and noting the supplier deadline each search was given; released searches get the
// built-in supplier's offers. Thread-safe. Release it before it is destroyed.
class GatedSource final : public SupplierSource {
 public:
  using Clock = std::chrono::steady_clock;

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     Clock::time_point deadline) override {
    {
      std::lock_guard lock(mu_);
      deadlines_.push_back(deadline);
      if (deadlines_.size() == 1) entered_.set_value();
    }
    released_.wait();
    return builtin_.Fetch(context, enricher, deadline);
  }
  // Returns once the first search is held.
  void WaitEntered() { entered_future_.wait(); }
  // Lets every search held now and later through. Idempotent.
  void Release() {
    std::lock_guard lock(mu_);
    if (!released_yet_) release_.set_value();
    released_yet_ = true;
  }
  // The supplier deadline of each search that reached the source, in arrival order.
  std::vector<Clock::time_point> deadlines() {
    std::lock_guard lock(mu_);
    return deadlines_;
  }

 private:
  BuiltinSource builtin_{50};
  std::mutex mu_;
  std::vector<Clock::time_point> deadlines_;
  std::promise<void> entered_;
  std::future<void> entered_future_ = entered_.get_future();
  bool released_yet_ = false;
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

}  // namespace fareflow

#endif  // FAREFLOW_TESTS_SUPPORT_GATED_SOURCE_H_
