#ifndef FAREFLOW_CACHE_SINGLE_FLIGHT_H_
#define FAREFLOW_CACHE_SINGLE_FLIGHT_H_

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/supplier_outcome.h"
#include "model/supplier_failure.h"

namespace fareflow::cache {

// How a shared supplier call ended: its payload (or failure), and whether the payload came from
// another instance's call through the shared cache rather than from the supplier now.
struct FlightResult {
  SupplierResult<std::string> payload;
  CacheUse cache;
  // Not 0: the payload is the first `cut_at` bytes of an answer that passed the supplier's body
  // limit (max_body_bytes); the rest was never read.
  std::size_t cut_at = 0;
};

// Concurrent identical supplier calls made once within the process: the first caller of a key
// leads (makes the call), later callers join and are handed the leader's result when it lands.
// Keys are CacheKey digests.
//
// A joiner's callback may be called on any thread (the HTTP client's io thread, a cache thread)
// and must not block; it receives the result by reference and copies what it keeps. Thread-safe;
// callbacks run outside the lock.
class SingleFlight {
 public:
  using Landing = std::function<void(const FlightResult&)>;

  // True when the caller leads: it must call Land(key, ...) exactly once, whatever happens to
  // its call. False when a flight for `key` was already up: `on_land` is kept and called with the
  // leader's result.
  bool JoinOrLead(const std::string& key, Landing on_land);
  // Ends the flight of `key`, calling every joiner's callback with `result`. The next
  // JoinOrLead of `key` leads a new flight.
  void Land(const std::string& key, const FlightResult& result);
  // Whether a flight of `key` is up (a background refresh is not started twice).
  bool InFlight(const std::string& key) const;
  std::size_t flights() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<Landing>> flights_;  // key -> joiners
};

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_SINGLE_FLIGHT_H_
