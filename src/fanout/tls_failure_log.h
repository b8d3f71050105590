#ifndef FAREFLOW_FANOUT_TLS_FAILURE_LOG_H_
#define FAREFLOW_FANOUT_TLS_FAILURE_LOG_H_

#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "model/supplier_status.h"

namespace fareflow::fanout {

// A supplier call that TLS refused, as the operator's log reports it. Views live as long as the
// call of the sink that receives it.
struct TlsFailureReport {
  std::string_view supplier;  // the configured name
  std::string_view host;      // the host of its base_url
  std::string_view error;     // "TLS: certificate verify failed: ... (X509_V_ERR_...)"
};

// Receives the TLS failures worth a log line (FanOutOptions::tls_failures). Called on a searching
// or refreshing thread, possibly on several at once.
using TlsFailureSink = std::function<void(const TlsFailureReport&)>;

// Decides which of one supplier's TLS failures are news for the log: the first since start, the
// first since the supplier last answered ok, and one whose reason differs from the one last
// logged (a certificate replaced by another bad one). The same failure again, search after
// search, is not: an expired certificate would otherwise log a line per search.
//
// Thread-safe: the searches of a process settle their calls to the same supplier at once.
class TlsFailureLog {
 public:
  // Records how a call to the supplier ended; true when it failed in TLS (kTlsError) with `error`
  // and that is news, so the caller should log it.
  bool Record(SupplierStatus status, std::string_view error);

 private:
  std::mutex mu_;
  bool logged_ = false;  // a failure was logged and the supplier has not answered ok since
  std::string last_error_;
};

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_TLS_FAILURE_LOG_H_
