#ifndef FAREFLOW_SERVER_ROUTES_API_ERROR_H_
#define FAREFLOW_SERVER_ROUTES_API_ERROR_H_

#include <string_view>

#include "core/result.h"
#include "net/wire_exchange.h"

namespace fareflow::server {

// A JSON error answer of the HTTP API:
// {"error":{"code":<code>,"message":<message>,"field":<field>}}; "field" (a JSON pointer or a
// query parameter name) is left out when empty.
net::WireResponse ApiError(int status, std::string_view code, std::string_view message,
                           std::string_view field = {});

// The answer for an error of a bad request: 400 invalid_argument, naming the field as a JSON
// pointer ("cursor" becomes "/cursor"). Internal errors become 500 internal.
net::WireResponse RequestError(const Error& error);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_API_ERROR_H_
