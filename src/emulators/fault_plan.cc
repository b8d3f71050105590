#include "emulators/fault_plan.h"

#include "core/splitmix64.h"

namespace fareflow::emulators {
namespace {

// A uniform double in [0, 1) from 53 random bits.
double Unit(uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace

const char* FaultName(Fault f) {
  switch (f) {
    case Fault::kNone:
      return "none";
    case Fault::kServerError:
      return "server_error";
    case Fault::kRateLimited:
      return "rate_limited";
    case Fault::kReset:
      return "reset";
    case Fault::kTruncate:
      return "truncate";
    case Fault::kMalformed:
      return "malformed";
    case Fault::kHang:
      return "hang";
    case Fault::kOversized:
      return "oversized";
  }
  return "none";
}

Result<void> FaultOptions::Validate() const {
  if (latency_ms < 0 || latency_ms > 600'000) {
    return MakeError(ErrorCode::kInvalidArgument, "must be 0 to 600000", "--latency-ms");
  }
  if (jitter_ms < 0 || jitter_ms > 600'000) {
    return MakeError(ErrorCode::kInvalidArgument, "must be 0 to 600000", "--jitter-ms");
  }
  const std::pair<double, const char*> rates[] = {
      {server_error_rate, "--fail-rate"},   {rate_limit_rate, "--rate-limit-rate"},
      {reset_rate, "--reset-rate"},         {truncate_rate, "--truncate-rate"},
      {malformed_rate, "--malformed-rate"}, {hang_rate, "--hang-rate"},
      {oversize_rate, "--oversize-rate"}};
  double sum = 0;
  for (auto [rate, flag] : rates) {
    if (!(rate >= 0 && rate <= 1)) {
      return MakeError(ErrorCode::kInvalidArgument, "must be a probability from 0 to 1", flag);
    }
    sum += rate;
  }
  if (sum > 1 + 1e-9) {
    return MakeError(ErrorCode::kInvalidArgument, "the fault rates add up to more than 1",
                     "--fail-rate");
  }
  if (oversize_mb < 1 || oversize_mb > 4096) {
    return MakeError(ErrorCode::kInvalidArgument, "must be 1 to 4096", "--oversize-mb");
  }
  return {};
}

FaultPlan::Decision FaultPlan::Next() {
  const uint64_t n = counter_.fetch_add(1, std::memory_order_relaxed);
  const uint64_t a = SplitMix64(options_.seed * 0x100000001b3ULL + n);
  const uint64_t b = SplitMix64(a);
  Decision d;
  d.latency = std::chrono::milliseconds(options_.latency_ms);
  if (options_.jitter_ms > 0) {
    d.latency += std::chrono::milliseconds(b % (static_cast<uint64_t>(options_.jitter_ms) + 1));
  }
  double u = Unit(a);
  const std::pair<double, Fault> faults[] = {{options_.server_error_rate, Fault::kServerError},
                                             {options_.rate_limit_rate, Fault::kRateLimited},
                                             {options_.reset_rate, Fault::kReset},
                                             {options_.truncate_rate, Fault::kTruncate},
                                             {options_.malformed_rate, Fault::kMalformed},
                                             {options_.hang_rate, Fault::kHang},
                                             {options_.oversize_rate, Fault::kOversized}};
  for (auto [rate, fault] : faults) {
    if (u < rate) {
      d.fault = fault;
      return d;
    }
    u -= rate;
  }
  return d;
}

std::string MakeMalformed(const std::string& body) {
  std::string out = body.substr(0, body.size() / 2);
  out += "\x01}]{\"";
  return out;
}

void PadToSize(std::string& body, std::size_t bytes) {
  if (body.size() < bytes) body.append(bytes - body.size(), ' ');
}

}  // namespace fareflow::emulators
