#include "model/name_tables.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

TEST(NameTablesTest, ErrorsListEveryNameInTheProtocolsWording) {
  EXPECT_EQ(kSortKeyNames.MustBe(NameList::kOr),
            "must be best, cheapest, fastest, earliest_departure or latest_arrival");
  EXPECT_EQ(kCabinNames.MustBe(NameList::kOr),
            "must be economy, premium_economy, business or first");
  EXPECT_EQ(kAmadeusTravelClasses.MustBe(NameList::kOneOf),
            "must be one of ECONOMY, PREMIUM_ECONOMY, BUSINESS, FIRST");
  EXPECT_EQ(kAmadeusTravelerTypes.MustBe(NameList::kOneOf),
            "must be one of ADULT, CHILD, SENIOR, YOUNG, HELD_INFANT, SEATED_INFANT, STUDENT");
  EXPECT_EQ(kCabinNames.MustBe(NameList::kOneOfQuoted),
            "must be one of 'economy', 'premium_economy', 'business', 'first'");
  EXPECT_EQ(kDuffelPassengerTypes.MustBe(NameList::kOneOfQuoted),
            "must be one of 'adult', 'child', 'infant_without_seat'");
  EXPECT_EQ(kSortKeyNames.List(NameList::kOneOf),
            "best, cheapest, fastest, earliest_departure, latest_arrival");
}

TEST(NameTablesTest, EveryNameReadsBackToItsValue) {
  for (const auto& e : kSortKeyNames.entries()) {
    EXPECT_EQ(kSortKeyNames.Find(e.name), e.value) << e.name;
    EXPECT_EQ(SortKeyName(e.value), e.name);
    EXPECT_EQ(ParseSortKey(e.name), e.value);
  }
  for (const auto& e : kCabinNames.entries()) {
    EXPECT_EQ(CabinName(e.value), e.name);
    EXPECT_EQ(kAmadeusTravelClasses.Find(kAmadeusTravelClasses.NameOf(e.value)), e.value);
  }
  for (const auto& table : {kPassengerTypeNames, kAmadeusTravelerTypes, kDuffelPassengerTypes}) {
    for (const auto& e : table.entries()) EXPECT_EQ(table.Find(e.name), e.value) << e.name;
  }
  EXPECT_FALSE(kSortKeyNames.Find("Cheapest"));
  EXPECT_FALSE(kSortKeyNames.Find(""));
  EXPECT_FALSE(kAmadeusTravelClasses.Find("economy"));
}

TEST(NameTablesTest, AValueIsNamedByItsFirstName) {
  EXPECT_EQ(kAmadeusTravelerTypes.NameOf(PassengerType::kAdult), "ADULT");
  EXPECT_EQ(kAmadeusTravelerTypes.NameOf(PassengerType::kChild), "CHILD");
  EXPECT_EQ(kAmadeusTravelerTypes.NameOf(PassengerType::kInfant), "HELD_INFANT");
  EXPECT_EQ(kAmadeusTravelerTypes.Find("STUDENT"), PassengerType::kAdult);
  EXPECT_EQ(kAmadeusTravelerTypes.Find("SEATED_INFANT"), PassengerType::kChild);
  EXPECT_EQ(kDuffelPassengerTypes.NameOf(PassengerType::kInfant), "infant_without_seat");
  EXPECT_EQ(kPassengerTypeNames.NameOf(PassengerType::kInfant), "infant");
  EXPECT_EQ(kCabinNames.NameOf(Cabin::kUnknown), "");
  EXPECT_EQ(CabinName(Cabin::kUnknown), "unknown");
}

TEST(NameTablesTest, CabinsReadInAnyCase) {
  EXPECT_EQ(ParseCabin("premium_economy"), Cabin::kPremiumEconomy);
  EXPECT_EQ(ParseCabin("PREMIUM_ECONOMY"), Cabin::kPremiumEconomy);
  EXPECT_EQ(ParseCabin("Business"), Cabin::kBusiness);
  EXPECT_FALSE(ParseCabin("economy "));
  EXPECT_FALSE(ParseCabin("steerage"));
  EXPECT_EQ(kCabinNames.FindIgnoringCase("FIRST"), Cabin::kFirst);
  EXPECT_FALSE(kCabinNames.Find("FIRST"));
}

}  // namespace
}  // namespace fareflow
