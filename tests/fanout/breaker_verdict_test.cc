#include "fanout/breaker_verdict.h"

#include <gtest/gtest.h>

namespace fareflow::fanout {
namespace {

TEST(BreakerVerdictTest, FailuresAreWhatWaitingMayFixAndRefusalsAreNeutral) {
  EXPECT_EQ(VerdictOf(SupplierStatus::kHttpError, 503), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kHttpError, 429), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kHttpError, 400), BreakerVerdict::kNeutral);
  EXPECT_EQ(VerdictOf(SupplierStatus::kAuthError, 401), BreakerVerdict::kNeutral);
  EXPECT_EQ(VerdictOf(SupplierStatus::kTimeout, 0), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kMalformed, 200), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kIoError, 0), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kTlsError, 0), BreakerVerdict::kFailure);
  EXPECT_EQ(VerdictOf(SupplierStatus::kOk, 200), BreakerVerdict::kSuccess);
}

}  // namespace
}  // namespace fareflow::fanout
