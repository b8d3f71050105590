#include "net/connection_cap.h"

#include <sys/resource.h>

#include <algorithm>

namespace fareflow::net {
namespace {

// Descriptors kept for everything but client connections: supplier and Redis sockets, the
// search log, reference data files, the event loop's own.
constexpr std::size_t kMinReserve = 256;

// What getrlimit() says when it fails or says "unlimited": the usual default soft limit.
constexpr std::size_t kFallbackLimit = 1024;

}  // namespace

std::size_t ConnectionCapFor(std::size_t configured, std::size_t descriptor_limit) {
  const std::size_t reserve = std::max(kMinReserve, descriptor_limit / 8);
  const std::size_t largest =
      descriptor_limit > 2 * reserve ? descriptor_limit - reserve : descriptor_limit / 2;
  const std::size_t cap = configured == 0 ? largest : std::min(configured, largest);
  return std::max<std::size_t>(cap, 1);
}

ConnectionCap ResolveConnectionCap(std::size_t configured) {
  ConnectionCap out;
  rlimit limit{};
  out.descriptor_limit = kFallbackLimit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
    out.descriptor_limit = static_cast<std::size_t>(limit.rlim_cur);
  }
  out.value = ConnectionCapFor(configured, out.descriptor_limit);
  out.lowered = configured != 0 && out.value < configured;
  if (out.lowered) {
    out.note = "http.max_connections " + std::to_string(configured) + " lowered to " +
               std::to_string(out.value) + ": the descriptor limit (ulimit -n) is " +
               std::to_string(out.descriptor_limit) +
               " and the rest is kept for supplier sockets, Redis and files";
  }
  return out;
}

}  // namespace fareflow::net
