#include "suppliers/duffel/server/offers_query.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace fareflow::duffel {
namespace {

TEST(OffersQueryTest, CursorRoundTripsOnlyForItsListing) {
  OffersQuery query;
  query.offer_request_id = "orq_0000AbC";
  const uint64_t fingerprint = ListingFingerprint(query);
  for (std::size_t position : {std::size_t{0}, std::size_t{37}, std::size_t{4000000}}) {
    const std::string cursor = EncodeCursor(position, fingerprint);
    EXPECT_EQ(cursor.size(), 16u);
    EXPECT_EQ(cursor.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos)
        << cursor;
    EXPECT_EQ(DecodeCursor(cursor, fingerprint), position);
  }
  OffersQuery sorted = query;
  sorted.sort = OffersSort::kTotalAmount;
  OffersQuery filtered = query;
  filtered.max_connections = 0;
  OffersQuery other = query;
  other.offer_request_id = "orq_0000AbD";
  const std::string cursor = EncodeCursor(10, fingerprint);
  for (const OffersQuery& q : {sorted, filtered, other}) {
    EXPECT_FALSE(DecodeCursor(cursor, ListingFingerprint(q)).has_value());
  }
  for (const char* bad : {"", "abc", "ZmYAAAACMw6Z9X5", "ZmYAAAACMw6Z9X5L=", "!!!!!!!!!!!!!!!!"}) {
    EXPECT_FALSE(DecodeCursor(bad, fingerprint).has_value()) << bad;
  }
}

TEST(OffersQueryTest, SelectPage) {
  auto range = [](PageRange r) { return std::pair{r.begin, r.end}; };
  using P = std::pair<std::size_t, std::size_t>;
  EXPECT_EQ(range(SelectPage(120, 50, std::nullopt, std::nullopt)), P(0, 50));
  EXPECT_EQ(range(SelectPage(120, 50, 100, std::nullopt)), P(100, 120));
  EXPECT_EQ(range(SelectPage(120, 50, 500, std::nullopt)), P(120, 120));
  EXPECT_EQ(range(SelectPage(120, 50, std::nullopt, 100)), P(50, 100));
  EXPECT_EQ(range(SelectPage(120, 50, std::nullopt, 30)), P(0, 30));
  EXPECT_EQ(range(SelectPage(0, 50, std::nullopt, std::nullopt)), P(0, 0));
}

TEST(OffersQueryTest, ParsesDuffelsParameters) {
  net::WireRequest r;
  r.query = {{"offer_request_id", "orq_1"},
             {"limit", "200"},
             {"sort", "-total_duration"},
             {"max_connections", "0"},
             {"after", "x"}};
  auto q = ParseOffersQuery(r);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->offer_request_id, "orq_1");
  EXPECT_EQ(q->limit, 200);
  EXPECT_EQ(q->sort, OffersSort::kTotalDuration);
  EXPECT_TRUE(q->descending);
  EXPECT_EQ(q->max_connections, 0);
  EXPECT_EQ(q->after, "x");

  r.query = {{"offer_request_id", "orq_1"}};
  q = ParseOffersQuery(r);
  ASSERT_TRUE(q.has_value());
  EXPECT_EQ(q->limit, 50);
  EXPECT_EQ(q->sort, OffersSort::kId);
  EXPECT_FALSE(q->max_connections.has_value());

  r.query = {{"offer_request_id", "orq_1"}, {"limit", "50x"}};
  q = ParseOffersQuery(r);
  ASSERT_FALSE(q.has_value());
  EXPECT_EQ(q.error().status, 400);
  EXPECT_EQ(q.error().parameter, "limit");
}

}  // namespace
}  // namespace fareflow::duffel
