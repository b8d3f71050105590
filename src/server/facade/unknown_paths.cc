#include "server/facade/unknown_paths.h"

#include <array>
#include <string>

#include "suppliers/amadeus/server/issues.h"

namespace fareflow::server {
namespace {

// The first segments under /v1 that fareflow's own API owns (server/api/api_router.cc, and the
// price calendar's).
constexpr std::array<std::string_view, 4> kFareflowV1Roots = {"searches", "places", "health",
                                                              "calendars"};

}  // namespace

bool IsAmadeusPath(std::string_view path) {
  std::string_view version;
  for (std::string_view prefix : {std::string_view("/v1"), std::string_view("/v2")}) {
    if (path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/')) {
      version = prefix;
    }
  }
  if (version.empty()) return false;
  if (version == "/v2") return true;
  std::string_view rest = path.substr(version.size());
  if (!rest.empty()) rest.remove_prefix(1);  // the slash
  const std::string_view root = rest.substr(0, rest.find('/'));
  for (std::string_view own : kFareflowV1Roots) {
    if (root == own) return false;
  }
  return true;
}

std::optional<net::WireResponse> AmadeusMissAnswer(const net::WireRequest& request, int status) {
  if (!IsAmadeusPath(request.path)) return std::nullopt;
  const std::string path(request.path);
  if (status == 405) {
    return amadeus::ErrorResponse(405, amadeus::kMethodNotAllowed,
                                  std::string(request.method) + " is not allowed on " + path);
  }
  return amadeus::ErrorResponse(404, amadeus::kResourceNotFound, "no such resource: " + path);
}

}  // namespace fareflow::server
