#include "server/facade/dates_links.h"

#include <gtest/gtest.h>

namespace fareflow::server {
namespace {

net::WireRequest WithHost(std::string_view host) {
  net::WireRequest request;
  request.method = "GET";
  request.path = "/v1/shopping/flight-dates";
  if (!host.empty()) request.headers.emplace_back("Host", host);
  return request;
}

TEST(DatesLinksTest, TheBaseIsTheHostTheClientCalled) {
  EXPECT_EQ(FacadeBaseUrl(WithHost("fares.example:8443")), "http://fares.example:8443");
  EXPECT_EQ(FacadeBaseUrl(WithHost("[::1]:8080")), "http://[::1]:8080");
  net::WireRequest proxied = WithHost("fares.example");
  proxied.headers.emplace_back("X-Forwarded-Proto", "https");
  EXPECT_EQ(FacadeBaseUrl(proxied), "https://fares.example");
}

TEST(DatesLinksTest, AHostThatIsNoHostNameGivesLocalhost) {
  EXPECT_EQ(FacadeBaseUrl(WithHost("")), "http://localhost");
  EXPECT_EQ(FacadeBaseUrl(WithHost("evil.example/\"><script>")), "http://localhost");
  EXPECT_EQ(FacadeBaseUrl(WithHost("a b")), "http://localhost");
}

TEST(DatesLinksTest, LinksSpellOutTheQueryWithItsDefaults) {
  amadeus::DatesQuery query;
  query.origin = LocationCode::Parse("MAD");
  query.destination = LocationCode::Parse("MUC");
  query.departure_from = DaysFromCivil(2027, 3, 1);
  query.departure_to = DaysFromCivil(2027, 3, 31);
  query.min_duration = 2;
  query.max_duration = 8;
  query.max_price = 300;
  query.view = amadeus::DatesView::kDestination;
  EXPECT_EQ(FlightDestinationsLink("http://h", query),
            "http://h/v1/shopping/flight-destinations?origin=MAD&departureDate=2027-03-01,"
            "2027-03-31&oneWay=false&duration=2,8&nonStop=false&maxPrice=300&viewBy=DESTINATION");
  // flight-dates has no DESTINATION view: its link asks for its default.
  EXPECT_EQ(FlightDatesLink("http://h", query, LocationCode::Parse("LIS")),
            "http://h/v1/shopping/flight-dates?origin=MAD&destination=LIS&departureDate="
            "2027-03-01,2027-03-31&oneWay=false&duration=2,8&nonStop=false&maxPrice=300&"
            "viewBy=DURATION");
  EXPECT_EQ(FlightOffersLink("http://h", query.origin, LocationCode::Parse("LIS"),
                             DaysFromCivil(2027, 3, 4), DaysFromCivil(2027, 3, 9), query,
                             CurrencyCode::Parse("EUR")),
            "http://h/v2/shopping/flight-offers?originLocationCode=MAD&destinationLocationCode=LIS&"
            "departureDate=2027-03-04&returnDate=2027-03-09&adults=1&nonStop=false&maxPrice=300&"
            "currencyCode=EUR");
  query.one_way = true;
  query.departure_to = query.departure_from;
  EXPECT_EQ(FlightDestinationsLink("http://h", query),
            "http://h/v1/shopping/flight-destinations?origin=MAD&departureDate=2027-03-01&"
            "oneWay=true&nonStop=false&maxPrice=300&viewBy=DESTINATION");
}

}  // namespace
}  // namespace fareflow::server
