#ifndef FAREFLOW_SUPPLIERS_BUILTIN_DETERMINISTIC_HASH_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_DETERMINISTIC_HASH_H_

#include <cstdint>
#include <initializer_list>

#include "core/splitmix64.h"

namespace fareflow::builtin {

// Deterministic hashing: a splitmix64 chain over a running state. std::random distributions
// are avoided on purpose, since their outputs differ between standard libraries.

// A hash of `values` under `seed`; every generated choice is one of these, so a choice depends
// only on what it is about (a route, a carrier, a date), never on the order of generation.
inline uint64_t Hash(uint64_t seed, std::initializer_list<uint64_t> values) {
  uint64_t h = SplitMix64(seed);
  for (uint64_t v : values) h = SplitMix64(h + v);
  return h;
}

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_DETERMINISTIC_HASH_H_
