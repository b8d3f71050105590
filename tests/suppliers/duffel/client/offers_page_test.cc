#include "suppliers/duffel/client/offers_page.h"

#include <gtest/gtest.h>

#include <string>

#include "suppliers/duffel/client/offer_request.h"

namespace fareflow::duffel {
namespace {

TEST(DuffelOffersPageTest, TargetsAskForALimitedSortedPageAfterACursor) {
  EXPECT_EQ(DuffelOffersPageTarget("orq_1", 200, "total_amount", ""),
            "/air/offers?offer_request_id=orq_1&limit=200&sort=total_amount");
  EXPECT_EQ(DuffelOffersPageTarget("orq_1", 50, "", "g2wAAA+/=x"),
            "/air/offers?offer_request_id=orq_1&limit=50&after=g2wAAA%2B%2F%3Dx");
  EXPECT_EQ(DuffelOffersPageTarget("orq 1&x", 1, "total_duration", "a_b-c.d~"),
            "/air/offers?offer_request_id=orq%201%26x&limit=1&sort=total_duration&after=a_b-c.d~");
}

TEST(DuffelOffersPageTest, TheOfferRequestIsAskedWithOrWithoutItsOffers) {
  EXPECT_TRUE(DuffelOfferRequestTarget(std::chrono::milliseconds(8000))
                  .starts_with("/air/offer_requests?return_offers=true&supplier_timeout="));
  EXPECT_TRUE(DuffelOfferRequestTarget(std::chrono::milliseconds(8000), false)
                  .starts_with("/air/offer_requests?return_offers=false&supplier_timeout="));
}

TEST(DuffelOffersPageTest, TheOfferRequestIdIsDataId) {
  auto id = ReadOfferRequestId(
      R"({"data":{"slices":[],"offers":[],"id":"orq_0000AbC","live_mode":false}})");
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(*id, "orq_0000AbC");
  for (const char* bad : {"", "{", R"({"data":[]})", R"({"data":{"id":7}})",
                          R"({"data":{"id":""}})", R"({"errors":[{"title":"x"}]})", "[1]"}) {
    auto refused = ReadOfferRequestId(bad);
    EXPECT_FALSE(refused) << bad;
    if (!refused) {
      EXPECT_EQ(refused.error().code, ErrorCode::kMalformed);
    }
  }
}

TEST(DuffelOffersPageTest, APageIsCountedLocatedAndItsNextCursorRead) {
  const std::string body =
      R"({"meta":{"limit":2,"before":null,"after":"g2wAAAAC"},"data":[ {"id":"off_1"} , {"id":"off_2","x":[1,{"a":"]"}]} ]})";
  auto page = ReadOffersPage(body);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->offers, 2);
  EXPECT_EQ(page->after, "g2wAAAAC");
  EXPECT_EQ(body.substr(page->items_begin, page->items_end - page->items_begin),
            R"( {"id":"off_1"} , {"id":"off_2","x":[1,{"a":"]"}]} )");

  // `data` first, `meta.after` null: the last page.
  auto last = ReadOffersPage(R"({"data":[{"id":"off_3"}],"meta":{"after":null,"limit":50}})");
  ASSERT_TRUE(last) << last.error().message;
  EXPECT_EQ(last->offers, 1);
  EXPECT_EQ(last->after, "");

  auto empty = ReadOffersPage(R"({"data":[],"meta":{"after":"abc"}})");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->offers, 0);
  EXPECT_EQ(empty->items_begin, empty->items_end);
}

TEST(DuffelOffersPageTest, AnUnusablePageIsMalformed) {
  for (const char* bad : {"", R"({"data":[{"id":"off_1"},)", R"({"data":{"offers":[]}})",
                          R"({"meta":{"after":null}})", R"({"data":[1,2]} trailing)",
                          R"({"errors":[{"type":"api_error"}],"meta":{}})", "[]"}) {
    auto refused = ReadOffersPage(bad);
    EXPECT_FALSE(refused) << bad;
    if (!refused) {
      EXPECT_EQ(refused.error().code, ErrorCode::kMalformed);
    }
  }
}

}  // namespace
}  // namespace fareflow::duffel
