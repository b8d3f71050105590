#include "engine/completed_search.h"

#include <cstdint>
#include <random>

namespace fareflow {

std::string NewSearchId() {
  // One generator per thread, seeded from the OS: ids are unguessable without a lock.
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "srch_";
  const uint64_t high = generator();
  const uint64_t low = generator();
  for (int i = 0; i < 8; ++i) id += kHex[(high >> (60 - 4 * i)) & 0xF];
  for (int i = 0; i < 16; ++i) id += kHex[(low >> (60 - 4 * i)) & 0xF];
  return id;
}

}  // namespace fareflow
