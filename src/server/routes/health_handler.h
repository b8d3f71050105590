#ifndef FAREFLOW_SERVER_ROUTES_HEALTH_HANDLER_H_
#define FAREFLOW_SERVER_ROUTES_HEALTH_HANDLER_H_

#include "net/wire_exchange.h"

namespace fareflow::server {

// The service version reported by GET /v1/health.
inline constexpr char kServiceVersion[] = "0.1.0";

// GET /v1/health: {"status":"ok","version":"0.1.0"}. Thread-safe.
net::WireResponse AnswerHealth();

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_HEALTH_HANDLER_H_
