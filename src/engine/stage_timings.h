#ifndef FAREFLOW_ENGINE_STAGE_TIMINGS_H_
#define FAREFLOW_ENGINE_STAGE_TIMINGS_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace fareflow {

// The stages of one search, in pipeline order; their timings go into the response, the
// Server-Timing header and the search log.
enum class Stage : uint8_t {
  kDecode,
  kSuppliers,    // wall time until the last supplier payload has been parsed and enriched
  kParseEnrich,  // CPU time summed over the payloads parsed
  kDedupe,
  kFilter,
  kRank,
  kFacets,
  kSerialize,
  kCount,
};

// "decode", "suppliers", "parse_enrich", ...
std::string_view StageName(Stage s);

// Microseconds per stage. Plain data; one per request.
struct StageTimings {
  std::array<int64_t, static_cast<std::size_t>(Stage::kCount)> micros{};

  int64_t& operator[](Stage s) { return micros[static_cast<std::size_t>(s)]; }
  int64_t operator[](Stage s) const { return micros[static_cast<std::size_t>(s)]; }
};

// Whole microseconds from `start` until now, on the steady clock every timing uses.
inline int64_t MicrosSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

// Adds the time from construction to destruction to one stage.
class ScopedStageTimer {
 public:
  ScopedStageTimer(StageTimings& timings, Stage stage)
      : timings_(timings), stage_(stage), start_(std::chrono::steady_clock::now()) {}
  ScopedStageTimer(const ScopedStageTimer&) = delete;
  ScopedStageTimer& operator=(const ScopedStageTimer&) = delete;
  ~ScopedStageTimer() { timings_[stage_] += MicrosSince(start_); }

 private:
  StageTimings& timings_;
  Stage stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_STAGE_TIMINGS_H_
