#include "cache/cache_key.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace fareflow::cache {
namespace {

SearchRequest RoundTrip() {
  SearchRequest r;
  r.slices = {{LocationCode::Parse("MAD"), LocationCode::Parse("BCN"), *ParseDate("2027-01-05")},
              {LocationCode::Parse("BCN"), LocationCode::Parse("MAD"), *ParseDate("2027-01-12")}};
  r.passengers.adults = 2;
  r.passengers.child_ages = {10, 7};
  r.passengers.infants = 0;
  r.cabin = Cabin::kEconomy;
  r.currency = CurrencyCode::Parse("EUR");
  return r;
}

constexpr const char* kSupplier = "amadeus-1 amadeus https://test.api.amadeus.com 250";

TEST(CacheKeyTest, TextIsCanonicalAndDigestIsXxh3Of128BitsInHex) {
  const CacheKey key = MakeCacheKey(kSupplier, RoundTrip());
  EXPECT_EQ(key.text,
            "v1|amadeus-1 amadeus https://test.api.amadeus.com 250|"
            "MAD>BCN 2027-01-05,BCN>MAD 2027-01-12|a2 c7,10 i0|economy|c-|EUR");
  ASSERT_EQ(key.digest.size(), 32u);
  EXPECT_EQ(key.digest.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(key.departure, *ParseDate("2027-01-05"));
  EXPECT_EQ(MakeCacheKey(kSupplier, RoundTrip()).digest, key.digest);  // deterministic
}

TEST(CacheKeyTest, MaxConnectionsAppearWhenAsked) {
  SearchRequest r = RoundTrip();
  r.max_connections = 1;
  EXPECT_NE(MakeCacheKey(kSupplier, r).text.find("|c1|"), std::string::npos);
}

TEST(CacheKeyTest, EveryFieldTheAnswerDependsOnChangesTheDigest) {
  const std::string base = MakeCacheKey(kSupplier, RoundTrip()).digest;
  const std::vector<std::pair<const char*, std::function<void(SearchRequest&)>>> changes = {
      {"origin 0", [](SearchRequest& r) { r.slices[0].origin = LocationCode::Parse("MAH"); }},
      {"destination 0",
       [](SearchRequest& r) { r.slices[0].destination = LocationCode::Parse("BCX"); }},
      {"date 0", [](SearchRequest& r) { r.slices[0].departure_date += 1; }},
      {"origin 1", [](SearchRequest& r) { r.slices[1].origin = LocationCode::Parse("GRO"); }},
      {"destination 1",
       [](SearchRequest& r) { r.slices[1].destination = LocationCode::Parse("TOJ"); }},
      {"date 1", [](SearchRequest& r) { r.slices[1].departure_date += 1; }},
      {"one way", [](SearchRequest& r) { r.slices.pop_back(); }},
      {"adults", [](SearchRequest& r) { r.passengers.adults = 3; }},
      {"child ages",
       [](SearchRequest& r) {
         r.passengers.child_ages = {7, 11};
       }},
      {"a child more", [](SearchRequest& r) { r.passengers.child_ages.push_back(2); }},
      {"infants", [](SearchRequest& r) { r.passengers.infants = 1; }},
      {"cabin", [](SearchRequest& r) { r.cabin = Cabin::kBusiness; }},
      {"max connections 0", [](SearchRequest& r) { r.max_connections = 0; }},
      {"currency", [](SearchRequest& r) { r.currency = CurrencyCode::Parse("USD"); }},
  };
  for (const auto& [what, change] : changes) {
    SearchRequest r = RoundTrip();
    change(r);
    EXPECT_NE(MakeCacheKey(kSupplier, r).digest, base) << what;
  }
  EXPECT_NE(MakeCacheKey("amadeus-2 amadeus https://test.api.amadeus.com 250", RoundTrip()).digest,
            base);
  EXPECT_NE(MakeCacheKey("amadeus-1 amadeus https://test.api.amadeus.com 100", RoundTrip()).digest,
            base);
  SearchRequest one = RoundTrip(), none = RoundTrip();
  one.max_connections = 1;
  none.max_connections = 0;
  EXPECT_NE(MakeCacheKey(kSupplier, one).digest, MakeCacheKey(kSupplier, none).digest);
}

TEST(CacheKeyTest, WhatIsAppliedAfterTheAnswerArrivesDoesNotChangeTheKey) {
  const CacheKey base = MakeCacheKey(kSupplier, RoundTrip());
  const std::vector<std::pair<const char*, std::function<void(SearchRequest&)>>> changes = {
      {"filters", [](SearchRequest& r) { r.filters.max_stops = 0; }},
      {"price filter", [](SearchRequest& r) { r.filters.max_price_minor = 10'000; }},
      {"sort", [](SearchRequest& r) { r.sort = SortKey::kCheapest; }},
      {"limit", [](SearchRequest& r) { r.limit = 5; }},
      {"cursor", [](SearchRequest& r) { r.cursor = "abc"; }},
      {"deadline", [](SearchRequest& r) { r.deadline_ms = 3000; }},
      {"cache mode", [](SearchRequest& r) { r.cache = CacheMode::kRefresh; }},
      {"child age order",
       [](SearchRequest& r) {
         r.passengers.child_ages = {7, 10};
       }},
  };
  for (const auto& [what, change] : changes) {
    SearchRequest r = RoundTrip();
    change(r);
    const CacheKey key = MakeCacheKey(kSupplier, r);
    EXPECT_EQ(key.digest, base.digest) << what;
    EXPECT_EQ(key.text, base.text) << what;
  }
}

}  // namespace
}  // namespace fareflow::cache
