#include "suppliers/duffel/client/offer_request.h"

#include <gtest/gtest.h>

#include "suppliers/duffel/server/offer_request_body.h"

namespace fareflow::duffel {
namespace {

constexpr Days kToday = DaysFromCivil(2026, 6, 1);

SearchRequest Decode(const std::string& body) {
  auto request = DecodeOfferRequestBody(body, kToday);
  EXPECT_TRUE(request) << body;
  return request ? *request : SearchRequest{};
}

TEST(DuffelOfferRequestTest, DecodesToTheSameSearch) {
  SearchRequest request;
  request.slices.push_back({LocationCode::Parse("CDG"), LocationCode::Parse("SIN"), kToday + 10});
  request.slices.push_back({LocationCode::Parse("SIN"), LocationCode::Parse("NYC"), kToday + 20});
  request.passengers.adults = 2;
  request.passengers.child_ages = {4, 16};
  request.passengers.infants = 1;
  request.cabin = Cabin::kPremiumEconomy;
  request.max_connections = 0;
  const SearchRequest decoded = Decode(DuffelOfferRequestBody(request));
  ASSERT_EQ(decoded.slices.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(decoded.slices[i].origin, request.slices[i].origin);
    EXPECT_EQ(decoded.slices[i].destination, request.slices[i].destination);
    EXPECT_EQ(decoded.slices[i].departure_date, request.slices[i].departure_date);
  }
  EXPECT_EQ(decoded.passengers.adults, 2);
  EXPECT_EQ(decoded.passengers.child_ages, (std::vector<int>{4, 16}));
  EXPECT_EQ(decoded.passengers.infants, 1);
  EXPECT_EQ(decoded.cabin, Cabin::kPremiumEconomy);
  EXPECT_EQ(decoded.max_connections, 0);
}

TEST(DuffelOfferRequestTest, UnsetOptionsAreLeftToDuffel) {
  SearchRequest request;
  request.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), kToday + 3});
  request.cabin = Cabin::kUnknown;
  const std::string body = DuffelOfferRequestBody(request);
  EXPECT_EQ(body.find("cabin_class"), std::string::npos);
  EXPECT_EQ(body.find("max_connections"), std::string::npos);
  EXPECT_EQ(Decode(body).max_connections, kDuffelDefaultMaxConnections);
}

TEST(DuffelOfferRequestTest, TargetAsksForOffersWithinDuffelsTimeoutRange) {
  EXPECT_EQ(DuffelOfferRequestTarget(std::chrono::milliseconds(8000)),
            "/air/offer_requests?return_offers=true&supplier_timeout=7750");
  EXPECT_EQ(DuffelOfferRequestTarget(std::chrono::milliseconds(100)),
            "/air/offer_requests?return_offers=true&supplier_timeout=2000");
  EXPECT_EQ(DuffelOfferRequestTarget(std::chrono::milliseconds(120000)),
            "/air/offer_requests?return_offers=true&supplier_timeout=60000");
}

}  // namespace
}  // namespace fareflow::duffel
