#ifndef FAREFLOW_TESTS_SUPPORT_COUNTING_SOURCE_H_
#define FAREFLOW_TESTS_SUPPORT_COUNTING_SOURCE_H_

#include <atomic>

#include "engine/supplier_source.h"

namespace fareflow {

// A SupplierSource that counts the times it is asked before passing the call on, so a test can
// prove that an answer came without any supplier call. `inner` must outlive it.
class CountingSource final : public SupplierSource {
 public:
  explicit CountingSource(SupplierSource& inner) : inner_(inner) {}

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override {
    ++fetches_;
    return inner_.Fetch(context, enricher, deadline);
  }

  int fetches() const { return fetches_.load(); }

 private:
  SupplierSource& inner_;
  std::atomic<int> fetches_{0};
};

}  // namespace fareflow

#endif  // FAREFLOW_TESTS_SUPPORT_COUNTING_SOURCE_H_
