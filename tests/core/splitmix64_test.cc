#include "core/splitmix64.h"

#include <gtest/gtest.h>

namespace fareflow {
namespace {

// The first outputs of the reference splitmix64 seeded with 0: generated offers and emulator ids
// depend on these exact values.
TEST(SplitMix64Test, StreamMatchesTheReferenceSequence) {
  uint64_t state = 0;
  EXPECT_EQ(SplitMix64Next(state), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(SplitMix64Next(state), 0x6E789E6AA1B965F4ULL);
  EXPECT_EQ(SplitMix64Next(state), 0x06C45D188009454FULL);
  EXPECT_EQ(state, 3 * kSplitMix64Gamma);
}

TEST(SplitMix64Test, ValueOfACounterIsTheStreamStepFromIt) {
  static_assert(SplitMix64(0) == 0xE220A8397B1DCDAFULL);
  uint64_t state = 1234567;
  EXPECT_EQ(SplitMix64(1234567), SplitMix64Next(state));
  EXPECT_EQ(SplitMix64(1234567), 0x599ED017FB08FC85ULL);
  EXPECT_NE(SplitMix64(1), SplitMix64(2));
}

}  // namespace
}  // namespace fareflow
