#ifndef FAREFLOW_MODEL_SUPPLIER_FAILURE_H_
#define FAREFLOW_MODEL_SUPPLIER_FAILURE_H_

#include <string>
#include <string_view>

#include <tl/expected.hpp>

#include "core/result.h"
#include "model/supplier_status.h"

namespace fareflow {

// Why a supplier call produced no payload, already in the terms an answer reports.
struct SupplierFailure {
  SupplierStatus status = SupplierStatus::kIoError;
  std::string error;    // "HTTP 503", "connection refused", ...
  int http_status = 0;  // the supplier's HTTP status, when it answered one
};

template <typename T>
using SupplierResult = tl::expected<T, SupplierFailure>;

// A transport failure of the HTTP client: kTimeout -> timeout, kMalformed (an answer that is
// not HTTP, or cut short) -> malformed, kTls (the certificate, protocol or an alert) ->
// tls_error, anything else (refused, reset, DNS) -> io_error.
SupplierFailure TransportFailure(const Error& error);

// An answer with a status that is not 2xx: 401 and 403 are auth_error, anything else
// http_error; the error reads "HTTP 503" (`what` is prepended when not empty: "token: HTTP 401").
SupplierFailure HttpFailure(int status, std::string_view what = {});

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_SUPPLIER_FAILURE_H_
