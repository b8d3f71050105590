#include "model/carrier_name.h"

#include <gtest/gtest.h>

#include <array>

namespace fareflow {
namespace {

TEST(CarrierNameTest, TheSuppliersNameWinsOverTheReferenceData) {
  const AirlineCode hr = AirlineCode::Parse("HR");
  EXPECT_EQ(CarrierDisplayName(hr, "Hahn Air"), "Hahn Air");
  EXPECT_EQ(CarrierDisplayName(hr, ""), "China United Airlines");  // the table's, defunct
}

TEST(CarrierNameTest, EmptyWhenNobodyNamesTheCarrier) {
  EXPECT_EQ(CarrierDisplayName(AirlineCode::Parse("Q0"), ""), "");
  EXPECT_EQ(CarrierDisplayName(AirlineCode(), "Hahn Air"), "");  // invalid code
}

TEST(CarrierNameTest, AnOffersMarketingCarrierIsNamedFromItsSegments) {
  std::array<Segment, 2> segments{};
  segments[0].marketing_carrier = AirlineCode::Parse("LH");
  segments[0].marketing_carrier_name = "Lufthansa Group";
  segments[1].marketing_carrier = AirlineCode::Parse("HR");
  segments[1].operating_carrier = AirlineCode::Parse("UA");
  segments[1].marketing_carrier_name = "Hahn Air";
  segments[1].operating_carrier_name = "United";
  std::array<Slice, 1> slices{};
  slices[0].segments = segments;
  Offer offer;
  offer.slices = slices;
  EXPECT_EQ(MarketingCarrierDisplayName(offer, AirlineCode::Parse("HR")), "Hahn Air");
  EXPECT_EQ(MarketingCarrierDisplayName(offer, AirlineCode::Parse("LH")), "Lufthansa Group");
  // UA only operates: no marketing segment names it, so the reference data does.
  EXPECT_EQ(MarketingCarrierDisplayName(offer, AirlineCode::Parse("UA")), "United Airlines");
}

}  // namespace
}  // namespace fareflow
