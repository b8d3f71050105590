#include "suppliers/amadeus/client/query.h"

#include <gtest/gtest.h>

#include "suppliers/amadeus/server/post_query.h"

namespace fareflow::amadeus {
namespace {

constexpr Days kToday = DaysFromCivil(2026, 6, 1);

SearchRequest RoundTrip() {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), kToday + 30});
  r.slices.push_back({LocationCode::Parse("JFK"), LocationCode::Parse("LHR"), kToday + 37});
  r.currency = CurrencyCode::Parse("USD");
  return r;
}

// The server side's reader (what the emulator and the facade answer with), which follows the
// spec, decodes the body back.
FlightSearch Decode(const std::string& body) {
  SearchOrIssues search = ReadPostBody(body, kToday);
  EXPECT_TRUE(search) << body << "\n"
                      << (search ? std::string()
                                 : search.error().front().detail + " at " +
                                       search.error().front().pointer);
  return search ? *search : FlightSearch{};
}

TEST(AmadeusQueryTest, RoundTripDecodesToTheSameSearch) {
  SearchRequest request = RoundTrip();
  request.cabin = Cabin::kBusiness;
  request.max_connections = 1;
  const FlightSearch search = Decode(AmadeusQueryBody(request, 120));
  ASSERT_EQ(search.request.slices.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(search.request.slices[i].origin, request.slices[i].origin);
    EXPECT_EQ(search.request.slices[i].destination, request.slices[i].destination);
    EXPECT_EQ(search.request.slices[i].departure_date, request.slices[i].departure_date);
  }
  EXPECT_EQ(search.request.currency, request.currency);
  EXPECT_EQ(search.request.cabin, Cabin::kBusiness);
  EXPECT_EQ(search.max_offers, 120);
  EXPECT_EQ(search.max_connections, 1);
  EXPECT_EQ(search.request.passengers.adults, 1);
}

TEST(AmadeusQueryTest, TravelersFollowTheApiAgeBands) {
  SearchRequest request = RoundTrip();
  request.passengers.adults = 2;
  request.passengers.child_ages = {5, 11, 14};  // 14 is an ADULT for Amadeus
  request.passengers.infants = 2;
  const FlightSearch search = Decode(AmadeusQueryBody(request, 250));
  EXPECT_EQ(search.request.passengers.adults, 3);
  EXPECT_EQ(search.request.passengers.children(), 2);
  EXPECT_EQ(search.request.passengers.infants, 2);
}

TEST(AmadeusQueryTest, OptionalCriteriaAreLeftOut) {
  SearchRequest request = RoundTrip();
  request.cabin = Cabin::kUnknown;
  const std::string body = AmadeusQueryBody(request, 250);
  EXPECT_EQ(body.find("flightFilters"), std::string::npos) << body;
  const FlightSearch search = Decode(body);
  EXPECT_FALSE(search.max_connections.has_value());
  request.max_connections = 5;  // beyond the API's 0..2: no restriction
  EXPECT_EQ(AmadeusQueryBody(request, 250).find("maxNumberOfConnections"), std::string::npos);
}

TEST(AmadeusQueryTest, MaxOffersStaysWithinTheApiRange) {
  EXPECT_EQ(Decode(AmadeusQueryBody(RoundTrip(), 1000)).max_offers, 250);
  EXPECT_EQ(Decode(AmadeusQueryBody(RoundTrip(), 0)).max_offers, 1);
}

}  // namespace
}  // namespace fareflow::amadeus
