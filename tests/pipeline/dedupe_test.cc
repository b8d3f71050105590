#include "pipeline/dedupe.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/offer_builder.h"

namespace fareflow {
namespace {

using testing::OfferBuilder;

// An offer of supplier `supplier` with key `key`, price `price` and id `id`.
Offer Make(Arena& arena, uint16_t supplier, std::string_view id, uint64_t key, int64_t price) {
  return OfferBuilder(arena).Supplier(supplier).Id(id).Key(key).Price(price).Build();
}

// (key, supplier, id) of every kept offer, in output order.
std::vector<std::string> Describe(const DedupeResult& r) {
  std::vector<std::string> out;
  for (const Offer* o : r.offers) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on long operator+ chains of strings.
    std::string s = std::to_string(o->dedupe_key);
    s.append("/").append(std::to_string(o->supplier)).append("/").append(o->supplier_offer_id);
    out.push_back(s);
  }
  return out;
}

class DedupeTest : public ::testing::Test {
 protected:
  DedupeTest() : a_(arena_.resource()), b_(arena_.resource()), c_(arena_.resource()) {
    // Supplier 0: keys 1, 2, 3. Supplier 1: keys 2 (cheaper), 4, 1 (same price as supplier 0).
    // Supplier 2: key 3 twice (the second cheaper), key 5.
    a_.offers.push_back(Make(arena_, 0, "a1", 1, 100));
    a_.offers.push_back(Make(arena_, 0, "a2", 2, 200));
    a_.offers.push_back(Make(arena_, 0, "a3", 3, 300));
    b_.offers.push_back(Make(arena_, 1, "b2", 2, 150));
    b_.offers.push_back(Make(arena_, 1, "b4", 4, 400));
    b_.offers.push_back(Make(arena_, 1, "b1", 1, 100));
    c_.offers.push_back(Make(arena_, 2, "c3x", 3, 310));
    c_.offers.push_back(Make(arena_, 2, "c3y", 3, 290));
    c_.offers.push_back(Make(arena_, 2, "c5", 5, 500));
  }

  Arena arena_;
  OfferBatch a_;
  OfferBatch b_;
  OfferBatch c_;
};

TEST_F(DedupeTest, KeepsOneOfferPerKeyAtItsCheapestPrice) {
  std::vector<OfferBatch*> batches = {&a_, &b_, &c_};
  DedupeResult r = Dedupe(batches, arena_);
  EXPECT_EQ(r.input_offers, 9);
  EXPECT_EQ(r.merged, 4);
  // First-seen order of keys over batches by supplier: 1, 2, 3 (supplier 0), 4, then 5.
  EXPECT_EQ(Describe(r),
            (std::vector<std::string>{"1/0/a1", "2/1/b2", "3/2/c3y", "4/1/b4", "5/2/c5"}));
}

TEST_F(DedupeTest, EqualPricesGoToTheLowerSupplier) {
  std::vector<OfferBatch*> batches = {&b_, &a_};
  DedupeResult r = Dedupe(batches, arena_);
  ASSERT_FALSE(r.offers.empty());
  EXPECT_EQ(r.offers[0]->dedupe_key, 1u);
  EXPECT_EQ(r.offers[0]->supplier, 0);
  EXPECT_EQ(r.offers[0]->supplier_offer_id, "a1");
}

TEST_F(DedupeTest, SupplierIndexDecidesBeforeTheId) {
  Arena arena;
  OfferBatch first(arena.resource());
  OfferBatch second(arena.resource());
  first.offers.push_back(Make(arena, 1, "a", 7, 100));
  second.offers.push_back(Make(arena, 0, "b", 7, 100));
  std::vector<OfferBatch*> batches = {&first, &second};
  DedupeResult r = Dedupe(batches, arena);
  ASSERT_EQ(r.offers.size(), 1u);
  EXPECT_EQ(r.offers[0]->supplier, 0);
  EXPECT_EQ(r.offers[0]->supplier_offer_id, "b");
  ASSERT_EQ(r.offers[0]->pricing_options.size(), 2u);
  EXPECT_EQ(r.offers[0]->pricing_options[0].supplier, 0);
  EXPECT_EQ(r.offers[0]->pricing_options[1].supplier, 1);
}

TEST_F(DedupeTest, EqualPriceAndSupplierGoToTheSmallerId) {
  Arena arena;
  OfferBatch batch(arena.resource());
  batch.offers.push_back(Make(arena, 0, "z", 7, 100));
  batch.offers.push_back(Make(arena, 0, "m", 7, 100));
  std::vector<OfferBatch*> batches = {&batch};
  DedupeResult r = Dedupe(batches, arena);
  ASSERT_EQ(r.offers.size(), 1u);
  EXPECT_EQ(r.offers[0]->supplier_offer_id, "m");
  ASSERT_EQ(r.offers[0]->pricing_options.size(), 2u);
  EXPECT_EQ(r.offers[0]->pricing_options[0].supplier_offer_id, "m");
  EXPECT_EQ(r.offers[0]->pricing_options[1].supplier_offer_id, "z");
}

TEST_F(DedupeTest, CarriesEveryPriceCheapestFirst) {
  std::vector<OfferBatch*> batches = {&a_, &b_, &c_};
  DedupeResult r = Dedupe(batches, arena_);
  const Offer* three = r.offers[2];
  ASSERT_EQ(three->dedupe_key, 3u);
  ASSERT_EQ(three->pricing_options.size(), 3u);
  EXPECT_EQ(three->pricing_options[0].supplier_offer_id, "c3y");
  EXPECT_EQ(three->pricing_options[0].total_requested.minor, 290);
  EXPECT_EQ(three->pricing_options[1].supplier_offer_id, "a3");
  EXPECT_EQ(three->pricing_options[1].supplier, 0);
  EXPECT_EQ(three->pricing_options[1].total.minor, 300);
  EXPECT_EQ(three->pricing_options[2].supplier_offer_id, "c3x");

  const Offer* one = r.offers[0];
  ASSERT_EQ(one->pricing_options.size(), 2u);
  EXPECT_EQ(one->pricing_options[0].supplier, 0);
  EXPECT_EQ(one->pricing_options[1].supplier, 1);

  const Offer* five = r.offers[4];
  ASSERT_EQ(five->pricing_options.size(), 1u);
  EXPECT_EQ(five->pricing_options[0].supplier_offer_id, "c5");
}

TEST_F(DedupeTest, OutputDoesNotDependOnBatchArrivalOrder) {
  std::vector<OfferBatch*> batches = {&a_, &b_, &c_};
  const std::vector<std::string> expected = Describe(Dedupe(batches, arena_));
  std::sort(batches.begin(), batches.end());
  int permutations = 0;
  do {
    DedupeResult r = Dedupe(batches, arena_);
    EXPECT_EQ(Describe(r), expected);
    EXPECT_EQ(r.offers[2]->pricing_options[0].supplier_offer_id, "c3y");
    EXPECT_EQ(r.offers[2]->pricing_options[2].supplier_offer_id, "c3x");
    ++permutations;
  } while (std::next_permutation(batches.begin(), batches.end()));
  EXPECT_EQ(permutations, 6);
}

TEST_F(DedupeTest, EmptyBatchesYieldNothing) {
  Arena arena;
  OfferBatch empty(arena.resource());
  std::vector<OfferBatch*> batches = {&empty};
  DedupeResult r = Dedupe(batches, arena);
  EXPECT_TRUE(r.offers.empty());
  EXPECT_EQ(r.input_offers, 0);
  EXPECT_EQ(r.merged, 0);
  EXPECT_TRUE(Dedupe({}, arena).offers.empty());
}

TEST_F(DedupeTest, ManyOffersWithCollidingHomesAllSurvive) {
  // Keys that differ only in high bits and a few heavy duplicates exercise probing.
  Arena arena;
  OfferBatch batch(arena.resource());
  constexpr int kKeys = 3000;
  for (int i = 0; i < kKeys; ++i) {
    const uint64_t key = uint64_t(i) << 40;
    const std::string n = std::to_string(i);
    batch.offers.push_back(Make(arena, 0, std::string("x").append(n), key, 1000 + i));
    if (i % 3 == 0) batch.offers.push_back(Make(arena, 0, std::string("y").append(n), key, 999));
  }
  std::vector<OfferBatch*> batches = {&batch};
  DedupeResult r = Dedupe(batches, arena);
  ASSERT_EQ(r.offers.size(), static_cast<std::size_t>(kKeys));
  for (int i = 0; i < kKeys; ++i) {
    const Offer& o = *r.offers[i];
    EXPECT_EQ(o.dedupe_key, uint64_t(i) << 40);
    EXPECT_EQ(o.total_requested.minor, i % 3 == 0 ? 999 : 1000 + i);
    EXPECT_EQ(o.pricing_options.size(), i % 3 == 0 ? 2u : 1u);
  }
  EXPECT_EQ(r.merged, kKeys / 3);
}

}  // namespace
}  // namespace fareflow
