#ifndef FAREFLOW_CORE_RATE_LIMITER_H_
#define FAREFLOW_CORE_RATE_LIMITER_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/steady_clock_source.h"

namespace fareflow {

// Token buckets in an array sized when the limiter is built: one per client key (server/access)
// and one per supplier's call budget (fanout). Memory is set by the number of buckets (bounded by
// the keys file and the configuration) and never grows with traffic.
//
// Each bucket is a single atomic: a token bucket of `burst` tokens refilled at `rate_per_second`
// is kept as the time at which it will be full again (the "theoretical arrival time" of the
// generic cell rate algorithm, which admits exactly what the bucket admits). A request moves that
// time one interval (1 / rate) later if the result stays within burst intervals of now, with one
// compare-and-swap: no lock, so requests of every io thread go through without waiting for each
// other. Thread-safe.
class RateLimiter {
 public:
  struct Limit {
    double rate_per_second = 1;  // > 0
    int burst = 1;               // >= 1
  };

  // Bucket i enforces limits[i]; every bucket starts full. `clock` (steady_clock when empty)
  // must be thread-safe.
  explicit RateLimiter(const std::vector<Limit>& limits, SteadyClockSource clock = {});
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes a token from bucket `index` (< the number of limits): 0 when there was one, else the
  // whole seconds (at least 1, rounded up) until there will be: what Retry-After says.
  int64_t Acquire(std::size_t index);

 private:
  struct Bucket {
    int64_t interval_ns = 0;   // 1 / rate
    int64_t tolerance_ns = 0;  // burst * interval: how far ahead of now the full time may be
    std::atomic<int64_t> full_at_ns{0};  // since origin_; the bucket is full from then on
  };
  int64_t NowNs() const;

  const SteadyClockSource clock_;
  const std::chrono::steady_clock::time_point origin_;
  std::size_t size_ = 0;
  std::unique_ptr<Bucket[]> buckets_;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_RATE_LIMITER_H_
