#include "core/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace fareflow {

RateLimiter::RateLimiter(const std::vector<Limit>& limits, SteadyClockSource clock)
    : clock_(ClockOrSteady(std::move(clock))),
      origin_(clock_()),
      size_(limits.size()),
      buckets_(std::make_unique<Bucket[]>(limits.size())) {
  for (std::size_t i = 0; i < size_; ++i) {
    const double rate = std::max(limits[i].rate_per_second, 1e-3);
    const int burst = std::clamp(limits[i].burst, 1, 1'000'000);
    buckets_[i].interval_ns = std::max<int64_t>(1, std::llround(1e9 / rate));
    buckets_[i].tolerance_ns = buckets_[i].interval_ns * burst;
  }
}

int64_t RateLimiter::NowNs() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(clock_() - origin_).count();
}

int64_t RateLimiter::Acquire(std::size_t index) {
  if (index >= size_) return 0;
  Bucket& bucket = buckets_[index];
  const int64_t now = NowNs();
  int64_t full_at = bucket.full_at_ns.load(std::memory_order_relaxed);
  for (;;) {
    // Taking a token moves the time the bucket is full again one interval later.
    const int64_t next = std::max(full_at, now) + bucket.interval_ns;
    const int64_t ahead = next - now;
    if (ahead > bucket.tolerance_ns) {
      // Empty: a token comes back when `ahead` has shrunk to the tolerance.
      const int64_t wait_ns = ahead - bucket.tolerance_ns;
      return std::max<int64_t>(1, (wait_ns + 999'999'999) / 1'000'000'000);
    }
    if (bucket.full_at_ns.compare_exchange_weak(full_at, next, std::memory_order_relaxed)) {
      return 0;
    }
  }
}

}  // namespace fareflow
