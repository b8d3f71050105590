#include "suppliers/amadeus/server/search_call.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow::amadeus {
namespace {

const Days kToday = DaysFromCivil(2026, 6, 1);

// A one-way London-New York search for one adult, by POST.
const char kBody[] = R"({"originDestinations":[
    {"id":"1","originLocationCode":"LON","destinationLocationCode":"NYC",
     "departureDateTimeRange":{"date":"2026-07-10"}}],
  "travelers":[{"id":"1","travelerType":"ADULT"}],"sources":["GDS"]})";

net::WireRequest Post(const char* override_header) {
  net::WireRequest request;
  request.method = "POST";
  request.path = "/v2/shopping/flight-offers";
  if (override_header != nullptr) {
    request.headers.emplace_back("X-HTTP-Method-Override", override_header);
  }
  request.body = kBody;
  return request;
}

TEST(SearchCallTest, GetReadsTheQuery) {
  net::WireRequest request;
  request.method = "GET";
  request.path = "/v2/shopping/flight-offers";
  request.query = net::ParseQueryString(
      "originLocationCode=LON&destinationLocationCode=NYC&departureDate=2026-07-10&adults=2");
  const SearchOrIssues search = ReadSearchCall(request, kToday, MethodOverride::kRequired);
  ASSERT_TRUE(search.has_value());
  EXPECT_EQ(search->request.passengers.adults, 2);
  ASSERT_EQ(search->request.slices.size(), 1u);
  EXPECT_EQ(search->request.slices[0].origin.str(), "LON");
}

TEST(SearchCallTest, PostWithTheOverrideReadsTheBodyEitherWay) {
  for (MethodOverride rule : {MethodOverride::kRequired, MethodOverride::kOptional}) {
    const SearchOrIssues search = ReadSearchCall(Post(" get "), kToday, rule);
    ASSERT_TRUE(search.has_value());
    ASSERT_EQ(search->request.slices.size(), 1u);
    EXPECT_EQ(search->request.slices[0].destination.str(), "NYC");
  }
}

TEST(SearchCallTest, PostWithoutTheOverrideIsRefusedOnlyWhenRequired) {
  const SearchOrIssues refused = ReadSearchCall(Post(nullptr), kToday, MethodOverride::kRequired);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().size(), 1u);
  EXPECT_EQ(refused.error()[0].code.code, kMandatoryDataMissing.code);
  EXPECT_EQ(refused.error()[0].parameter, "X-HTTP-Method-Override");

  EXPECT_TRUE(ReadSearchCall(Post(nullptr), kToday, MethodOverride::kOptional).has_value());
}

TEST(SearchCallTest, AnOverrideOtherThanGetIsRefusedEitherWay) {
  for (MethodOverride rule : {MethodOverride::kRequired, MethodOverride::kOptional}) {
    const SearchOrIssues search = ReadSearchCall(Post("DELETE"), kToday, rule);
    ASSERT_FALSE(search.has_value());
    EXPECT_EQ(search.error()[0].code.code, kInvalidData.code);
    EXPECT_EQ(search.error()[0].parameter, "X-HTTP-Method-Override");
  }
}

}  // namespace
}  // namespace fareflow::amadeus
