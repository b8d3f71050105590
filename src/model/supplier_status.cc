#include "model/supplier_status.h"

namespace fareflow {

std::string_view SupplierStatusName(SupplierStatus s) {
  switch (s) {
    case SupplierStatus::kOk:
      return "ok";
    case SupplierStatus::kMalformed:
      return "malformed";
    case SupplierStatus::kIoError:
      return "io_error";
    case SupplierStatus::kTimeout:
      return "timeout";
    case SupplierStatus::kHttpError:
      return "http_error";
    case SupplierStatus::kAuthError:
      return "auth_error";
    case SupplierStatus::kSkipped:
      return "skipped";
    case SupplierStatus::kRateLimited:
      return "rate_limited";
    case SupplierStatus::kNotCached:
      return "not_cached";
    case SupplierStatus::kTruncated:
      return "truncated";
    case SupplierStatus::kTlsError:
      return "tls_error";
  }
  return "ok";
}

}  // namespace fareflow
