#ifndef FAREFLOW_FANOUT_BREAKER_VERDICT_H_
#define FAREFLOW_FANOUT_BREAKER_VERDICT_H_

#include "core/circuit_breaker.h"
#include "model/supplier_status.h"

namespace fareflow::fanout {

// What a supplier's outcome says about the supplier's health, for its CircuitBreaker: a usable
// answer is a success; a timeout, io error, TLS error, malformed answer, 5xx or 429 a failure (a
// supplier whose certificate is refused is refused again: an open circuit spares the searches
// the handshake); a refusal of this search (another 4xx) or of our credentials is neutral.
// `http_status` is the supplier's HTTP status when there was one.
BreakerVerdict VerdictOf(SupplierStatus status, int http_status);

}  // namespace fareflow::fanout

#endif  // FAREFLOW_FANOUT_BREAKER_VERDICT_H_
