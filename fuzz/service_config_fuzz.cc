// libFuzzer target: untrusted bytes as the service configuration file (config/*.json,
// docs/configuration.md). An operator's typo must be refused with its pointer, never crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/service_config.h"
#include "core/result.h"
#include "fuzz/offer_invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const fareflow::Result<fareflow::ServiceConfig> config = fareflow::ParseServiceConfig(json);
  if (!config) {
    fareflow::fuzz::Require(config.error().code == fareflow::ErrorCode::kInvalidArgument);
    fareflow::fuzz::Require(!config.error().message.empty());
    return 0;
  }
  // An accepted configuration can serve: its deadlines agree and some supplier is enabled.
  fareflow::fuzz::Require(config->search.default_deadline <= config->search.max_deadline);
  bool enabled = false;
  for (const fareflow::SupplierConfig& supplier : config->suppliers) {
    fareflow::fuzz::Require(!supplier.name.empty());
    enabled = enabled || supplier.enabled;
  }
  fareflow::fuzz::Require(enabled);
  return 0;
}
