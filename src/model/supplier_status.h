#ifndef FAREFLOW_MODEL_SUPPLIER_STATUS_H_
#define FAREFLOW_MODEL_SUPPLIER_STATUS_H_

#include <string_view>

namespace fareflow {

// How one supplier's part of a search ended. A failed supplier is a status in a partial answer,
// never a failed search. Here rather than in engine/ because the supplier clients report their
// failures in these terms (model/supplier_failure.h) and sit below the engine.
enum class SupplierStatus {
  kOk,
  kMalformed,
  kIoError,
  kTimeout,
  kHttpError,
  kAuthError,
  kSkipped,
  // The supplier's call budget (calls per second) was spent and no cached answer could stand in.
  kRateLimited,
  // Asked only of the cache (a price calendar in `cached` mode), which held no fresh answer.
  kNotCached,
  kTlsError,  // TLS refused the supplier: its certificate (verify result in the error), protocol
};

// "ok", "malformed", "io_error", "timeout", "http_error", "auth_error", "skipped",
// "rate_limited", "not_cached", "tls_error".
std::string_view SupplierStatusName(SupplierStatus s);

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_SUPPLIER_STATUS_H_
