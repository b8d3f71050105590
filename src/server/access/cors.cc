#include "server/access/cors.h"

#include <algorithm>

namespace fareflow::server {

bool CorsPolicy::Allows(std::string_view origin) const {
  return !origin.empty() && std::find(options_.origins.begin(), options_.origins.end(), origin) !=
                                options_.origins.end();
}

HeaderList CorsPolicy::AnswerHeaders(const net::WireRequest& request) const {
  HeaderList headers;
  if (options_.origins.empty()) return headers;
  headers.emplace_back("Vary", "Origin");
  const std::string_view origin = request.Header("Origin");
  if (!Allows(origin)) return headers;
  headers.emplace_back("Access-Control-Allow-Origin", std::string(origin));
  // What a page may read beyond the simple headers: where to wait, where the search lives, and
  // the stage timings.
  headers.emplace_back("Access-Control-Expose-Headers", "Location, Retry-After, Server-Timing");
  return headers;
}

std::optional<net::WireResponse> CorsPolicy::Preflight(const net::WireRequest& request) const {
  if (request.method != "OPTIONS" || request.Header("Access-Control-Request-Method").empty()) {
    return std::nullopt;
  }
  if (!Allows(request.Header("Origin"))) return std::nullopt;
  net::WireResponse response;
  response.status = 204;
  response.content_type.clear();
  response.headers = AnswerHeaders(request);
  response.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST");
  response.headers.emplace_back("Access-Control-Allow-Headers",
                                "Authorization, X-Api-Key, Content-Type");
  response.headers.emplace_back("Access-Control-Max-Age", std::to_string(options_.max_age.count()));
  return response;
}

}  // namespace fareflow::server
