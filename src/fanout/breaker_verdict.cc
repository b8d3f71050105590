#include "fanout/breaker_verdict.h"

namespace fareflow::fanout {

BreakerVerdict VerdictOf(SupplierStatus status, int http_status) {
  switch (status) {
    case SupplierStatus::kOk:
    case SupplierStatus::kTruncated:  // it answered, only more than the limit
      return BreakerVerdict::kSuccess;
    case SupplierStatus::kTimeout:
    case SupplierStatus::kIoError:
    case SupplierStatus::kTlsError:
    case SupplierStatus::kMalformed:
      return BreakerVerdict::kFailure;
    case SupplierStatus::kHttpError:
      return http_status >= 500 || http_status == 429 ? BreakerVerdict::kFailure
                                                      : BreakerVerdict::kNeutral;
    case SupplierStatus::kAuthError:
    case SupplierStatus::kSkipped:
    case SupplierStatus::kRateLimited:  // refused before calling: says nothing of its health
    case SupplierStatus::kNotCached:
      break;
  }
  return BreakerVerdict::kNeutral;
}

}  // namespace fareflow::fanout
