#ifndef FAREFLOW_NET_CONNECTION_COUNTERS_H_
#define FAREFLOW_NET_CONNECTION_COUNTERS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace fareflow::net {

// What an HttpServer did with the connections it accepted, for /metrics. Shared (shared_ptr)
// between the server and whoever reads it, so a reader may outlive the server. Written by the
// server under its state lock; read from any thread (each value on its own: a snapshot of
// several may mix moments).
struct ConnectionCounters {
  std::atomic<uint64_t> accepted{0};  // admitted and served
  std::atomic<uint64_t> shed{0};      // idle keep-alive connections closed to admit a new one
  std::atomic<uint64_t> refused{0};   // closed at once (503) at the cap with none idle
  std::atomic<uint64_t> open{0};      // open now
  std::atomic<uint64_t> max{0};       // the cap
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_CONNECTION_COUNTERS_H_
