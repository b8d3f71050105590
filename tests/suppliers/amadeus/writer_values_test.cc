#include "suppliers/amadeus/writer_values.h"

#include <gtest/gtest.h>

#include <string>

#include "support/written.h"

namespace fareflow::amadeus {
namespace {

using testing_support::Written;

TEST(AmadeusWriterValuesTest, DurationsAreIsoAndNeverNegative) {
  EXPECT_EQ(Written([](JsonWriter& w) { Duration(w, 146); }), R"("PT2H26M")");
  EXPECT_EQ(Written([](JsonWriter& w) { Duration(w, -5); }),
            Written([](JsonWriter& w) { Duration(w, 0); }));
}

TEST(AmadeusWriterValuesTest, IndexesAreStrings) {
  EXPECT_EQ(Written([](JsonWriter& w) { Index(w, 12); }), R"("12")");
}

TEST(AmadeusWriterValuesTest, UpperCasesAsciiOnly) {
  std::string scratch;
  EXPECT_EQ(Written([&](JsonWriter& w) { Upper(w, "Economy Light 2", scratch); }),
            R"("ECONOMY LIGHT 2")");
}

TEST(AmadeusWriterValuesTest, AnUnknownCabinIsWrittenAsEconomy) {
  EXPECT_EQ(CabinCode(Cabin::kUnknown), "ECONOMY");
  EXPECT_EQ(CabinCode(Cabin::kPremiumEconomy), "PREMIUM_ECONOMY");
  EXPECT_EQ(CabinCode(Cabin::kFirst), "FIRST");
}

}  // namespace
}  // namespace fareflow::amadeus
