// libFuzzer target: untrusted bytes as a fareflow v1 search request body (docs/api.md).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/search_request_json.h"
#include "core/result.h"
#include "fuzz/offer_invariants.h"
#include "model/search_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Dates are not checked, so the outcome does not depend on the day the fuzzer runs.
  const fareflow::ValidationOptions options{.check_dates = false};
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const fareflow::Result<fareflow::SearchRequest> request =
      fareflow::DecodeSearchRequest(json, options);
  if (!request.has_value()) {
    // Every rejection is a client error that says what to fix.
    fareflow::fuzz::Require(request.error().code == fareflow::ErrorCode::kInvalidArgument);
    fareflow::fuzz::Require(!request.error().message.empty());
    return 0;
  }
  // A decoded request is a valid one: validating it again must agree.
  fareflow::fuzz::Require(fareflow::ValidateSearchRequest(*request, options).has_value());
  return 0;
}
