#ifndef FAREFLOW_CORE_SPLITMIX64_H_
#define FAREFLOW_CORE_SPLITMIX64_H_

#include <cstdint>

namespace fareflow {

// splitmix64 (Steele, Lea and Flood; the constants of Vigna's reference code): a well-mixed
// 64-bit value from any 64-bit input. Every deterministic choice in fareflow (generated offers,
// emulator ids and cursors, fault draws) goes through this one function, so a given input gives
// the same value on every platform and standard library, which std::random distributions do not
// promise. Not for secrets: the sequence is predictable from one output.

inline constexpr uint64_t kSplitMix64Gamma = 0x9E3779B97F4A7C15ULL;

// The finaliser alone: a bijection that spreads every input bit over the whole output.
constexpr uint64_t SplitMix64Finalise(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The value for counter `x`: the generator's step (add the gamma), then the finaliser.
constexpr uint64_t SplitMix64(uint64_t x) { return SplitMix64Finalise(x + kSplitMix64Gamma); }

// Advances the stream `state` by one step and returns the step's value; successive calls give
// the splitmix64 sequence seeded by the initial state.
constexpr uint64_t SplitMix64Next(uint64_t& state) {
  state += kSplitMix64Gamma;
  return SplitMix64Finalise(state);
}

}  // namespace fareflow

#endif  // FAREFLOW_CORE_SPLITMIX64_H_
