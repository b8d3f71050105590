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
  // The answer passed the supplier's body limit (max_body_bytes): the offers complete before the
  // cut are kept, as for kOk; the rest of the answer was never read.
  kTruncated,
  kTlsError,  // TLS refused the supplier: its certificate (verify result in the error), protocol
};

// "ok", "malformed", "io_error", "timeout", "http_error", "auth_error", "skipped",
// "rate_limited", "not_cached", "truncated", "tls_error".
std::string_view SupplierStatusName(SupplierStatus s);

// Whether a supplier with this status contributes offers to the answer: ok, and truncated (the
// offers before the cut).
constexpr bool HasOffers(SupplierStatus s) {
  return s == SupplierStatus::kOk || s == SupplierStatus::kTruncated;
}

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_SUPPLIER_STATUS_H_
