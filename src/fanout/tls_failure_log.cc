#include "fanout/tls_failure_log.h"

namespace fareflow::fanout {

bool TlsFailureLog::Record(SupplierStatus status, std::string_view error) {
  if (status != SupplierStatus::kOk && status != SupplierStatus::kTlsError) return false;
  std::lock_guard<std::mutex> lock(mu_);
  if (status == SupplierStatus::kOk) {
    logged_ = false;
    return false;
  }
  if (logged_ && last_error_ == error) return false;
  logged_ = true;
  last_error_.assign(error);
  return true;
}

}  // namespace fareflow::fanout
