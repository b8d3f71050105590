#include "server/facade/inspiration.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "refdata/airports.h"

namespace fareflow::server {
namespace {

bool Has(const std::vector<LocationCode>& codes, const char* code) {
  return std::ranges::find(codes, LocationCode::Parse(code)) != codes.end();
}

TEST(InspirationTest, TheNearestLargeAirportsNearestFirst) {
  const std::vector<LocationCode> from_madrid = InspirationDestinations(LocationCode::Parse("MAD"));
  ASSERT_EQ(from_madrid.size(), kMaxInspirationDestinations);
  EXPECT_FALSE(Has(from_madrid, "MAD"));
  EXPECT_TRUE(Has(from_madrid, "BCN"));
  EXPECT_TRUE(Has(from_madrid, "LIS"));
  const refdata::Airport& madrid = *refdata::FindAirport(LocationCode::Parse("MAD"));
  double last = 0;
  for (LocationCode code : from_madrid) {
    const refdata::Airport* a = refdata::FindAirport(code);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->size, refdata::AirportSize::kLarge);
    const double km = refdata::DistanceKm(madrid, *a);
    EXPECT_GE(km, last) << code.str();
    last = km;
  }
}

TEST(InspirationTest, ACityLeavesOutItsOwnAirportsAndMaxBoundsTheList) {
  const std::vector<LocationCode> from_paris = InspirationDestinations(LocationCode::Parse("PAR"));
  EXPECT_FALSE(from_paris.empty());
  EXPECT_FALSE(Has(from_paris, "CDG"));
  EXPECT_FALSE(Has(from_paris, "ORY"));
  EXPECT_EQ(InspirationDestinations(LocationCode::Parse("PAR"), 3).size(), 3u);
}

TEST(InspirationTest, AnUnknownOriginHasNone) {
  EXPECT_TRUE(InspirationDestinations(LocationCode::Parse("QQQ")).empty());
}

}  // namespace
}  // namespace fareflow::server
