#ifndef FAREFLOW_SERVER_FACADE_UNKNOWN_PATHS_H_
#define FAREFLOW_SERVER_FACADE_UNKNOWN_PATHS_H_

#include <optional>
#include <string_view>

#include "net/wire_exchange.h"

namespace fareflow::server {

// Whether `path` lies in Amadeus's part of the URL space the facade shares with fareflow's own
// API: every /v1/… and /v2/… path but fareflow's v1 roots (/v1/searches, /v1/places, /v1/health,
// /v1/calendars and what lies below them). Paths outside /v1 and /v2 (/metrics) are fareflow's.
bool IsAmadeusPath(std::string_view path);

// The router's MissAnswer (routes/router.h) while the facade is served: on an Amadeus path, a 404
// in Amadeus's envelope (code 38196 "Resource not found", as its gateway answers) or a 405
// (38197 "Method not allowed"); nullopt, fareflow's own error, on any other path.
std::optional<net::WireResponse> AmadeusMissAnswer(const net::WireRequest& request, int status);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_UNKNOWN_PATHS_H_
