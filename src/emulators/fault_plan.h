#ifndef FAREFLOW_EMULATORS_FAULT_PLAN_H_
#define FAREFLOW_EMULATORS_FAULT_PLAN_H_

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.h"

namespace fareflow::emulators {

// What can go wrong with one answer of an emulated supplier.
enum class Fault {
  kNone,
  kServerError,  // 5xx with the supplier's error envelope
  kRateLimited,  // 429 with rate-limit headers
  kReset,        // the connection is reset without an answer
  kTruncate,     // headers announce the full body; kTruncatedShare of the bytes sent (compressed,
                 // when gzipped) go out, then the connection closes
  kMalformed,    // 200 with a body that is not valid JSON
  kHang,         // no answer at all
  kOversized,    // a valid answer padded far beyond any sane size
};

// The share of a truncated answer's body that is sent: of the bytes on the wire, so that a gzipped
// answer is cut too (net::FaultExchange::RespondTruncated).
inline constexpr double kTruncatedShare = 0.5;

// "none", "server_error", "rate_limited", "reset", "truncate", "malformed", "hang", "oversized".
const char* FaultName(Fault f);

// Rates are probabilities in [0, 1] per request; their sum must not exceed 1.
struct FaultOptions {
  int latency_ms = 0;  // added to every answer
  int jitter_ms = 0;   // plus a uniform extra in [0, jitter_ms]
  double server_error_rate = 0;
  double rate_limit_rate = 0;
  double reset_rate = 0;
  double truncate_rate = 0;
  double malformed_rate = 0;
  double hang_rate = 0;
  double oversize_rate = 0;
  int oversize_mb = 64;  // size an oversized answer is padded to
  uint64_t seed = 1;     // the same seed gives the same sequence of faults

  // Checks ranges; the error names the flag ("--fail-rate").
  Result<void> Validate() const;
};

// Draws the fault and the latency of each request from a seeded sequence, so a test run is
// repeatable: the n-th request of a server always gets the same fate. Thread-safe.
class FaultPlan {
 public:
  explicit FaultPlan(FaultOptions options) : options_(options) {}

  struct Decision {
    Fault fault = Fault::kNone;
    std::chrono::milliseconds latency{0};
  };
  Decision Next();

  const FaultOptions& options() const { return options_; }

 private:
  FaultOptions options_;
  std::atomic<uint64_t> counter_{0};
};

// Turns a valid JSON body into one that no JSON parser accepts (cut in the middle of a value,
// followed by stray characters).
std::string MakeMalformed(const std::string& body);

// Pads a JSON body with trailing white space up to `bytes`: still valid JSON, far too large.
void PadToSize(std::string& body, std::size_t bytes);

}  // namespace fareflow::emulators

#endif  // FAREFLOW_EMULATORS_FAULT_PLAN_H_
