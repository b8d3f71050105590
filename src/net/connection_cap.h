#ifndef FAREFLOW_NET_CONNECTION_CAP_H_
#define FAREFLOW_NET_CONNECTION_CAP_H_

#include <cstddef>
#include <string>

// How many client connections an HttpServer keeps open at once. Every connection holds a file
// descriptor; past the process's descriptor limit, accept() fails and so does everything else
// that opens one (supplier sockets, Redis, files), so the cap stays below the limit with room
// for those. Thread-safe: no shared state.
namespace fareflow::net {

// The cap for `configured` connections (0 = choose) under a descriptor limit of
// `descriptor_limit`: the configured value, at most the limit less a reserve of
// max(256, limit / 8) descriptors (half the limit when that leaves less); the largest allowed
// when `configured` is 0.
std::size_t ConnectionCapFor(std::size_t configured, std::size_t descriptor_limit);

// ConnectionCapFor() under this process's soft RLIMIT_NOFILE, as it is now.
struct ConnectionCap {
  std::size_t value = 0;             // the cap to use
  std::size_t descriptor_limit = 0;  // the soft RLIMIT_NOFILE
  bool lowered = false;              // a configured value was above what the limit allows
  // For the operator, when `lowered`: "http.max_connections 50000 lowered to 17500: ..."
  std::string note;
};
ConnectionCap ResolveConnectionCap(std::size_t configured);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CONNECTION_CAP_H_
