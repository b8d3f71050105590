#include "server/router.h"

#include <utility>

#include "server/api_error.h"

namespace fareflow::server {

void Router::Add(std::string method, std::string path, net::Handler handler) {
  routes_.push_back({std::move(method), std::move(path), std::move(handler)});
}

void Router::Handle(std::shared_ptr<net::Exchange> exchange) const {
  const net::WireRequest& request = exchange->request();
  std::string allow;
  for (const Route& route : routes_) {
    if (route.path != request.path) continue;
    if (route.method == request.method) {
      route.handler(std::move(exchange));
      return;
    }
    if (!allow.empty()) allow += ", ";
    allow += route.method;
  }
  if (allow.empty()) {
    exchange->Respond(ApiError(404, "not_found", "no such endpoint: " + std::string(request.path)));
    return;
  }
  net::WireResponse response =
      ApiError(405, "method_not_allowed",
               std::string(request.method) + " is not allowed on " + std::string(request.path));
  response.headers.emplace_back("Allow", std::move(allow));
  exchange->Respond(std::move(response));
}

}  // namespace fareflow::server
