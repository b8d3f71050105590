#include "suppliers/duffel/writer_values.h"

#include <gtest/gtest.h>

#include <string>

#include "support/written.h"

namespace fareflow::duffel {
namespace {

using testing_support::Written;

TEST(WriterValuesTest, IdsLookLikeDuffelsAndDependOnlyOnTheirHash) {
  const std::string id = IdText("off", 42);
  EXPECT_EQ(id.size(), 26u);
  EXPECT_EQ(id.substr(0, 8), "off_0000");
  EXPECT_EQ(
      id.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 8),
      std::string::npos);
  EXPECT_EQ(IdText("off", 42), id);
  EXPECT_NE(IdText("off", 43), id);
  EXPECT_EQ(Written([](JsonWriter& w) { Id(w, "off", 42); }), "\"" + id + "\"");
}

TEST(WriterValuesTest, DurationsAreZeroPaddedWithDays) {
  EXPECT_EQ(Written([](JsonWriter& w) { Duration(w, 146); }), R"("PT02H26M")");
  EXPECT_EQ(Written([](JsonWriter& w) { Duration(w, 1505); }), R"("P1DT01H05M")");
  EXPECT_EQ(Written([](JsonWriter& w) { Duration(w, -5); }), R"("PT00H00M")");
}

TEST(WriterValuesTest, UtcTimesCarrySecondsAndOptionalMicroseconds) {
  const Minutes t = Minutes{DaysFromCivil(2026, 11, 20)} * 1440 + 10 * 60 + 12;
  EXPECT_EQ(Written([t](JsonWriter& w) { UtcTime(w, t, true, 5); }),
            R"("2026-11-20T10:12:05.000000Z")");
  EXPECT_EQ(Written([t](JsonWriter& w) { UtcTime(w, t, false); }), R"("2026-11-20T10:12:00Z")");
}

TEST(WriterValuesTest, EmptyTextIsNull) {
  EXPECT_EQ(Written([](JsonWriter& w) { StringOrNull(w, ""); }), "null");
  EXPECT_EQ(Written([](JsonWriter& w) { StringOrNull(w, "T5"); }), R"("T5")");
}

TEST(WriterValuesTest, PlaceIdsAndLogosAreLowerCaseIdsAndAssetUrls) {
  EXPECT_EQ(PlaceId("arp", "LHR", "GB"), "arp_lhr_gb");
  EXPECT_EQ(LogoUrl("lockup", "BA"),
            "https://assets.duffel.com/img/airlines/for-light-background/full-color-lockup/BA.svg");
}

TEST(WriterValuesTest, CreationTimeIsGivenOrAMonthBeforeDeparture) {
  int seconds = -1;
  EXPECT_EQ(CreatedAt(20000, 7, 90061, seconds), 1501);
  EXPECT_EQ(seconds, 1);
  EXPECT_EQ(CreatedAt(20000, 7, -1, seconds), Minutes{20000 - 30} * 1440 + 600 + 7);
  EXPECT_EQ(seconds, 0);
}

TEST(WriterValuesTest, PassengersListTheirTypeAndAgeOnly) {
  const std::vector<Passenger> passengers = {{PassengerType::kAdult, -1, 1},
                                             {PassengerType::kChild, 7, 2}};
  const std::string text = Written([&](JsonWriter& w) { WritePassengers(w, passengers); });
  EXPECT_NE(text.find(R"("type":"adult")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("type":"child","age":7)"), std::string::npos) << text;
  EXPECT_EQ(text.find(R"("age":-1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("given_name":null)"), std::string::npos) << text;
}

}  // namespace
}  // namespace fareflow::duffel
