#include "refdata/airlines.h"

#include <gtest/gtest.h>

namespace fareflow::refdata {
namespace {

const Airline* Find(std::string_view code) { return FindAirline(AirlineCode::Parse(code)); }

TEST(Airlines, WellKnownCarriersAndAlliances) {
  const Airline* ba = Find("BA");
  ASSERT_NE(ba, nullptr);
  EXPECT_EQ(ba->name, "British Airways");
  EXPECT_EQ(ba->country, "United Kingdom");
  EXPECT_EQ(ba->alliance, Alliance::kOneworld);

  ASSERT_NE(Find("LH"), nullptr);
  EXPECT_EQ(Find("LH")->name, "Lufthansa");  // not "Lufthansa Cargo", which shares the code
  EXPECT_EQ(Find("LH")->alliance, Alliance::kStarAlliance);
  ASSERT_NE(Find("AF"), nullptr);
  EXPECT_EQ(Find("AF")->alliance, Alliance::kSkyTeam);
  ASSERT_NE(Find("SQ"), nullptr);
  EXPECT_EQ(Find("SQ")->name, "Singapore Airlines");
  ASSERT_NE(Find("SK"), nullptr);
  EXPECT_EQ(Find("SK")->alliance, Alliance::kSkyTeam);  // moved from Star Alliance in 2024

  const Airline* u2 = Find("U2");
  ASSERT_NE(u2, nullptr);
  EXPECT_EQ(u2->name, "easyJet");
  EXPECT_EQ(u2->alliance, Alliance::kNone);
  ASSERT_NE(Find("6E"), nullptr);  // digits are valid designator characters
}

TEST(Airlines, UnknownAndJunkCodes) {
  EXPECT_EQ(Find("-"), nullptr);
  EXPECT_EQ(Find("--"), nullptr);
  EXPECT_EQ(Find("\\N"), nullptr);
  EXPECT_EQ(FindAirline(AirlineCode()), nullptr);
  EXPECT_EQ(FindAirline(AirlineCode::FromIndex(AirlineCode::kSpace)), nullptr);
}

TEST(Airlines, AllAreFindableAndUnique) {
  EXPECT_GT(AllAirlines().size(), 900u);
  int in_alliance = 0;
  for (const Airline& a : AllAirlines()) {
    EXPECT_TRUE(a.code.valid());
    EXPECT_EQ(FindAirline(a.code), &a);
    EXPECT_FALSE(a.name.empty()) << a.code.str();
    if (a.alliance != Alliance::kNone) ++in_alliance;
  }
  EXPECT_GE(in_alliance, 55);
}

TEST(Alliances, NamesRoundTrip) {
  for (Alliance a :
       {Alliance::kNone, Alliance::kStarAlliance, Alliance::kOneworld, Alliance::kSkyTeam}) {
    Alliance parsed = Alliance::kStarAlliance;
    ASSERT_TRUE(ParseAlliance(AllianceName(a), &parsed)) << AllianceName(a);
    EXPECT_EQ(parsed, a);
  }
  EXPECT_EQ(AllianceName(Alliance::kStarAlliance), "star_alliance");
  EXPECT_EQ(AllianceName(Alliance::kSkyTeam), "skyteam");
}

TEST(Alliances, ParseIsLenient) {
  Alliance a = Alliance::kNone;
  EXPECT_TRUE(ParseAlliance("Star Alliance", &a));
  EXPECT_EQ(a, Alliance::kStarAlliance);
  EXPECT_TRUE(ParseAlliance("STAR-ALLIANCE", &a));
  EXPECT_EQ(a, Alliance::kStarAlliance);
  EXPECT_TRUE(ParseAlliance("SkyTeam", &a));
  EXPECT_EQ(a, Alliance::kSkyTeam);
  EXPECT_TRUE(ParseAlliance("none", &a));
  EXPECT_EQ(a, Alliance::kNone);
  a = Alliance::kOneworld;
  EXPECT_FALSE(ParseAlliance("vanilla", &a));
  EXPECT_FALSE(ParseAlliance("", &a));
  EXPECT_FALSE(ParseAlliance("a very long alliance name", &a));
  EXPECT_EQ(a, Alliance::kOneworld);  // untouched on failure
}

}  // namespace
}  // namespace fareflow::refdata
