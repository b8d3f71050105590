#ifndef FAREFLOW_ENGINE_BUILTIN_SOURCE_H_
#define FAREFLOW_ENGINE_BUILTIN_SOURCE_H_

#include <string>

#include "engine/builtin_supplier.h"
#include "engine/supplier_source.h"

namespace fareflow {

// The built-in supplier alone, run on the calling thread: the source of `fareflow serve` without
// a configuration file and of tests that need no network.
class BuiltinSource final : public SupplierSource {
 public:
  explicit BuiltinSource(int offers = kDefaultBuiltinOffers, std::string name = "builtin")
      : offers_(offers), name_(std::move(name)) {}

  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override;

 private:
  int offers_;
  std::string name_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_BUILTIN_SOURCE_H_
