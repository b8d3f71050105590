#include "model/supplier_failure.h"

namespace fareflow {

SupplierFailure TransportFailure(const Error& error) {
  SupplierFailure failure;
  failure.error = error.message.empty() ? std::string(ErrorCodeName(error.code)) : error.message;
  switch (error.code) {
    case ErrorCode::kTimeout:
      failure.status = SupplierStatus::kTimeout;
      break;
    case ErrorCode::kMalformed:
      failure.status = SupplierStatus::kMalformed;
      break;
    case ErrorCode::kTls:
      failure.status = SupplierStatus::kTlsError;
      break;
    default:
      failure.status = SupplierStatus::kIoError;
      break;
  }
  return failure;
}

SupplierFailure HttpFailure(int status, std::string_view what) {
  SupplierFailure failure;
  failure.status =
      status == 401 || status == 403 ? SupplierStatus::kAuthError : SupplierStatus::kHttpError;
  failure.http_status = status;
  if (!what.empty()) {
    failure.error.append(what);
    failure.error.append(": ");
  }
  failure.error += "HTTP " + std::to_string(status);
  return failure;
}

}  // namespace fareflow
