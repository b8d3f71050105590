#include "refdata/airports.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "refdata/time_zones.h"

namespace fareflow::refdata {
namespace {

using ::testing::ElementsAre;
using ::testing::IsSupersetOf;

LocationCode L(std::string_view s) { return LocationCode::Parse(s); }

std::vector<std::string> Codes(std::span<const LocationCode> codes) {
  std::vector<std::string> out;
  for (LocationCode c : codes) out.push_back(c.str());
  return out;
}

const Airport& MustFind(std::string_view code) {
  const Airport* a = FindAirport(L(code));
  EXPECT_NE(a, nullptr) << code;
  static const Airport kMissing{};
  return a != nullptr ? *a : kMissing;
}

TEST(Airports, Heathrow) {
  const Airport& lhr = MustFind("LHR");
  EXPECT_EQ(lhr.code, L("LHR"));
  EXPECT_EQ(lhr.name, "London Heathrow Airport");
  EXPECT_EQ(lhr.city, "London");
  EXPECT_EQ(lhr.country, "GB");
  EXPECT_EQ(TimeZoneName(lhr.time_zone), "Europe/London");
  EXPECT_EQ(lhr.metro, L("LON"));
  EXPECT_EQ(lhr.size, AirportSize::kLarge);
  EXPECT_TRUE(lhr.scheduled_service);
  EXPECT_FALSE(lhr.time_zone_derived);
  EXPECT_NEAR(lhr.latitude, 51.47, 0.01);
  EXPECT_NEAR(lhr.longitude, -0.46, 0.01);
}

TEST(Airports, MajorHubsHaveZoneAndMetro) {
  struct Case {
    std::string_view code, zone, metro;
  };
  for (const Case& c :
       {Case{"JFK", "America/New_York", "NYC"}, Case{"EWR", "America/New_York", "NYC"},
        Case{"CDG", "Europe/Paris", "PAR"}, Case{"ORY", "Europe/Paris", "PAR"},
        Case{"HND", "Asia/Tokyo", "TYO"}, Case{"NRT", "Asia/Tokyo", "TYO"},
        Case{"DEL", "Asia/Kolkata", ""}, Case{"SYD", "Australia/Sydney", ""}}) {
    const Airport& a = MustFind(c.code);
    EXPECT_EQ(TimeZoneName(a.time_zone), c.zone) << c.code;
    EXPECT_EQ(a.metro, L(c.metro)) << c.code;
  }
}

TEST(Airports, UnknownCodes) {
  EXPECT_EQ(FindAirport(L("QQQ")), nullptr);
  EXPECT_EQ(FindAirport(L("LON")), nullptr);  // a city, not an airport
  EXPECT_EQ(FindAirport(LocationCode()), nullptr);
  EXPECT_EQ(FindAirport(L("L1R")), nullptr);
  EXPECT_EQ(FindAirport(LocationCode::FromIndex(LocationCode::kSpace)), nullptr);
  EXPECT_EQ(FindMetroCity(L("LHR")), nullptr);
  EXPECT_EQ(FindMetroCity(LocationCode()), nullptr);
}

TEST(Airports, CaseInsensitiveCodes) { EXPECT_EQ(FindAirport(L("lhr")), FindAirport(L("LHR"))); }

TEST(Airports, AllAirportsSortedUniqueAndFindable) {
  std::span<const Airport> all = AllAirports();
  EXPECT_EQ(all.size(), 4517u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(all[i - 1].code, all[i].code);
    }
    EXPECT_EQ(FindAirport(all[i].code), &all[i]);
  }
}

TEST(Airports, EveryAirportHasAZoneAndScheduledOnesAreNeverEmpty) {
  int derived = 0;
  for (const Airport& a : AllAirports()) {
    EXPECT_FALSE(TimeZoneName(a.time_zone).empty()) << a.code.str();
    EXPECT_EQ(a.country.size(), 2u) << a.code.str();
    if (a.time_zone_derived) ++derived;
  }
  // Every zone comes from the boundary data; only the few airports where it names several zones
  // (Xinjiang's, Sukhumi) carry a zone chosen by OpenFlights or a curated fix.
  EXPECT_GT(derived, 10);
  EXPECT_LT(derived, 30);
}

TEST(Airports, ZonesFromTheBoundaryData) {
  struct Case {
    std::string_view code, zone;
  };
  // OpenFlights names Hobart's zone for Melbourne (same offsets today) and New York's for
  // Indianapolis; airports near zone borders get the zone their coordinates lie in.
  for (const Case& c : {Case{"MEL", "Australia/Melbourne"}, Case{"HBA", "Australia/Hobart"},
                        Case{"ADL", "Australia/Adelaide"}, Case{"EWR", "America/New_York"},
                        Case{"IND", "America/Indiana/Indianapolis"}, Case{"PHX", "America/Phoenix"},
                        Case{"BOI", "America/Boise"}, Case{"LHR", "Europe/London"},
                        Case{"KIX", "Asia/Tokyo"}, Case{"AKT", "Asia/Nicosia"}}) {
    const Airport& a = MustFind(c.code);
    EXPECT_EQ(TimeZoneName(a.time_zone), c.zone) << c.code;
    EXPECT_FALSE(a.time_zone_derived) << c.code;
  }
}

TEST(Airports, ZonesWhereTheBoundaryDataNamesSeveral) {
  // Xinjiang keeps two times; flights there are scheduled in Beijing time. Sukhumi keeps Moscow
  // time (tools/refdata/time_zone_fixes.tsv).
  for (std::string_view code : {"URC", "KHG", "BPL"}) {
    EXPECT_EQ(TimeZoneName(MustFind(code).time_zone), "Asia/Shanghai") << code;
    EXPECT_TRUE(MustFind(code).time_zone_derived) << code;
  }
  EXPECT_EQ(TimeZoneName(MustFind("SUI").time_zone), "Europe/Moscow");
}

TEST(Airports, ZonesOpenFlightsLacks) {
  struct Case {
    std::string_view code, zone;
  };
  // Airports OpenFlights has no zone for, with their real zones.
  for (const Case& c :
       {Case{"PKX", "Asia/Shanghai"}, Case{"TFU", "Asia/Shanghai"}, Case{"EHU", "Asia/Shanghai"},
        Case{"DSS", "Africa/Dakar"}, Case{"NQZ", "Asia/Almaty"}, Case{"ETM", "Asia/Jerusalem"},
        Case{"NLU", "America/Mexico_City"}, Case{"DQM", "Asia/Muscat"},
        Case{"UBN", "Asia/Ulaanbaatar"}, Case{"ZIA", "Europe/Moscow"},
        Case{"GSV", "Europe/Saratov"}, Case{"ESG", "America/Asuncion"}, Case{"KNO", "Asia/Jakarta"},
        Case{"SHO", "Africa/Mbabane"}}) {
    const Airport& a = MustFind(c.code);
    EXPECT_EQ(TimeZoneName(a.time_zone), c.zone) << c.code;
    EXPECT_FALSE(a.time_zone_derived) << c.code;
  }
}

TEST(Airports, StaleSourceZonesCorrected) {
  // OpenFlights predates these zones; the boundary data has them.
  EXPECT_EQ(TimeZoneName(MustFind("CUN").time_zone), "America/Cancun");
  EXPECT_EQ(TimeZoneName(MustFind("OVB").time_zone), "Asia/Novosibirsk");
  EXPECT_EQ(TimeZoneName(MustFind("KUF").time_zone), "Europe/Samara");
  EXPECT_FALSE(MustFind("CUN").time_zone_derived);
}

TEST(Airports, OpenFlightsCodeForAnotherPlaceIsIgnored) {
  // OpenFlights' CIO is a Romanian aeroclub; OurAirports' CIO is in Paraguay.
  const Airport& cio = MustFind("CIO");
  EXPECT_EQ(cio.country, "PY");
  EXPECT_EQ(TimeZoneName(cio.time_zone), "America/Asuncion");
  EXPECT_FALSE(cio.time_zone_derived);
}

TEST(MetroCities, London) {
  const MetroCity* lon = FindMetroCity(L("LON"));
  ASSERT_NE(lon, nullptr);
  EXPECT_EQ(lon->name, "London");
  EXPECT_EQ(lon->country, "GB");
  EXPECT_THAT(Codes(lon->airports), ElementsAre("LHR", "LGW", "STN", "LTN", "LCY", "SEN"));
}

TEST(MetroCities, EveryMemberIsAnAirportThatPointsBack) {
  EXPECT_GE(AllMetroCities().size(), 40u);
  for (const MetroCity& m : AllMetroCities()) {
    EXPECT_FALSE(m.airports.empty()) << m.code.str();
    EXPECT_EQ(FindMetroCity(m.code), &m);
    for (LocationCode code : m.airports) {
      const Airport* a = FindAirport(code);
      ASSERT_NE(a, nullptr) << code.str();
      EXPECT_EQ(a->metro, m.code) << code.str();
    }
  }
}

TEST(ExpandLocation, MetroCityYieldsItsAirports) {
  const LocationCode lon = L("LON");
  EXPECT_THAT(Codes(ExpandLocation(lon)), IsSupersetOf({"LHR", "LGW", "STN", "LTN", "LCY"}));
  const LocationCode nyc = L("NYC");
  EXPECT_THAT(Codes(ExpandLocation(nyc)), IsSupersetOf({"JFK", "EWR", "LGA"}));
  const LocationCode tyo = L("TYO");
  EXPECT_THAT(Codes(ExpandLocation(tyo)), ElementsAre("HND", "NRT"));
}

TEST(ExpandLocation, AirportYieldsItself) {
  const LocationCode lhr = L("LHR");
  std::span<const LocationCode> out = ExpandLocation(lhr);
  EXPECT_THAT(Codes(out), ElementsAre("LHR"));
  EXPECT_EQ(out.data(), &lhr);  // documented: points at the argument
}

TEST(ExpandLocation, CodeThatIsBothAirportAndCityYieldsTheAirport) {
  ASSERT_NE(FindMetroCity(L("SHA")), nullptr);
  const LocationCode sha = L("SHA");
  EXPECT_THAT(Codes(ExpandLocation(sha)), ElementsAre("SHA"));
  const LocationCode ber = L("BER");
  EXPECT_THAT(Codes(ExpandLocation(ber)), ElementsAre("BER"));
}

TEST(ExpandLocation, UnknownIsEmpty) {
  const LocationCode qqq = L("QQQ");
  EXPECT_TRUE(ExpandLocation(qqq).empty());
  const LocationCode invalid;
  EXPECT_TRUE(ExpandLocation(invalid).empty());
}

TEST(Distance, HeathrowToKennedy) {
  EXPECT_NEAR(DistanceKm(MustFind("LHR"), MustFind("JFK")), 5540, 20);
  EXPECT_NEAR(DistanceKm(MustFind("JFK"), MustFind("LHR")),
              DistanceKm(MustFind("LHR"), MustFind("JFK")), 1e-9);
  EXPECT_EQ(DistanceKm(MustFind("CDG"), MustFind("CDG")), 0);
  EXPECT_NEAR(DistanceKm(MustFind("SYD"), MustFind("LAX")), 12050, 60);
}

}  // namespace
}  // namespace fareflow::refdata
