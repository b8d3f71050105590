#include "pipeline/rank.h"

#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/offer_builder.h"

namespace fareflow {
namespace {

using testing::At;
using testing::OfferBuilder;
using testing::Pointers;

// A nonstop one-slice offer departing `dep`, lasting `minutes`, priced `price` (total and per
// adult).
Offer Make(Arena& arena, int64_t price, Minutes dep, int minutes, uint64_t key,
           std::string_view id = "x", uint16_t supplier = 0) {
  Offer o = OfferBuilder(arena)
                .Price(price)
                .Key(key)
                .Id(id)
                .Supplier(supplier)
                .Slice({{"LHR", "JFK", "BA", dep, dep + minutes}})
                .Build();
  return o;
}

std::vector<uint64_t> Keys(const std::vector<Offer*>& offers, const Selection& s) {
  std::vector<uint64_t> out;
  for (uint32_t i : s) out.push_back(offers[i]->dedupe_key);
  return out;
}

TEST(ScoreTest, FollowsTheDocumentedFormula) {
  Arena arena;
  std::vector<Offer> offers = {
      Make(arena, 100, At(1, 8), 600, 1),  // 1.25 + 0.5 = 1.75
      Make(arena, 80, At(1, 8), 900, 2),   // 1 + 0.75 + 0.15 = 1.9
      Make(arena, 120, At(1, 8), 600, 3),  // 1.5 + 0.5 = 2.0
      Make(arena, 80, At(1, 8), 600, 4),   // 1 + 0.5 + 0.15 + 0.3 = 1.95
  };
  offers[1].total_stops = 1;
  offers[3].total_stops = 1;
  offers[3].airport_changes = 1;
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{0, 1, 2, 3});
  EXPECT_FLOAT_EQ(offers[0].score, 1.75f);
  EXPECT_FLOAT_EQ(offers[1].score, 1.9f);
  EXPECT_FLOAT_EQ(offers[2].score, 2.0f);
  EXPECT_FLOAT_EQ(offers[3].score, 1.95f);
}

TEST(ScoreTest, UsesPerAdultPriceNotTotal) {
  Arena arena;
  std::vector<Offer> offers = {Make(arena, 200, At(1, 8), 60, 1),
                               Make(arena, 150, At(1, 8), 120, 2)};
  offers[0].per_adult_requested.minor = 100;
  offers[1].per_adult_requested.minor = 150;
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{0, 1});
  EXPECT_FLOAT_EQ(offers[0].score, 1.5f);
  EXPECT_FLOAT_EQ(offers[1].score, 2.5f);
}

TEST(ScoreTest, MinimaComeFromTheSelectionOnly) {
  Arena arena;
  std::vector<Offer> offers = {Make(arena, 50, At(1, 8), 300, 1),
                               Make(arena, 100, At(1, 8), 600, 2)};
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{1});
  EXPECT_FLOAT_EQ(offers[1].score, 1.5f);
  EXPECT_FLOAT_EQ(offers[0].score, 0.0f);  // not selected, not scored
}

TEST(ScoreTest, ZeroMinimaDoNotDivideByZero) {
  Arena arena;
  std::vector<Offer> offers = {Make(arena, 0, At(1, 8), 0, 1), Make(arena, 100, At(1, 8), 60, 2)};
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{0, 1});
  EXPECT_FLOAT_EQ(offers[0].score, 1.5f);
  EXPECT_FLOAT_EQ(offers[1].score, 1.5f);
}

TEST(ScoreTest, TagsOneOfferEachAndClearsOldTags) {
  Arena arena;
  std::vector<Offer> offers = {
      Make(arena, 100, At(1, 8), 600, 1),  // best (1.75)
      Make(arena, 80, At(1, 8), 900, 2),   // cheapest tie with [3], slower
      Make(arena, 120, At(1, 8), 600, 3),  // fastest tie, dearer
      Make(arena, 80, At(1, 8), 600, 4),   // cheapest and fastest after tie-breaks
      Make(arena, 10, At(1, 8), 10, 5),    // not selected
  };
  offers[1].total_stops = 1;
  offers[3].total_stops = 1;
  offers[3].airport_changes = 1;
  offers[2].tags = kTagBest | kTagCheapest;  // stale from an earlier query
  offers[4].tags = kTagFastest;
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{0, 1, 2, 3});
  EXPECT_EQ(offers[0].tags, kTagBest);
  EXPECT_EQ(offers[1].tags, 0);
  EXPECT_EQ(offers[2].tags, 0);
  EXPECT_EQ(offers[3].tags, kTagCheapest | kTagFastest);
  EXPECT_EQ(offers[4].tags, kTagFastest);  // untouched
}

TEST(ScoreTest, TagTiesFollowTheSortOrder) {
  Arena arena;
  // Identical except the dedupe key: the smaller key wins every tag.
  std::vector<Offer> offers = {Make(arena, 100, At(1, 8), 600, 9),
                               Make(arena, 100, At(1, 8), 600, 3)};
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{0, 1});
  EXPECT_EQ(offers[0].tags, 0);
  EXPECT_EQ(offers[1].tags, kTagBest | kTagCheapest | kTagFastest);
}

TEST(ScoreTest, EmptySelectionTagsNothing) {
  Arena arena;
  std::vector<Offer> offers = {Make(arena, 100, At(1, 8), 600, 1)};
  offers[0].tags = kTagBest;
  std::vector<Offer*> ptrs = Pointers(offers);
  Score(ptrs, Selection{});
  EXPECT_EQ(offers[0].tags, kTagBest);
}

class SortTest : public ::testing::Test {
 protected:
  SortTest() {
    offers_ = {
        Make(arena_, 300, At(1, 9), 600, 10),          // 0
        Make(arena_, 100, At(1, 12), 700, 20),         // 1
        Make(arena_, 200, At(1, 7), 500, 30),          // 2
        Make(arena_, 100, At(1, 6), 650, 40),          // 3: cheapest tie, faster than 1
        Make(arena_, 100, At(1, 12), 700, 5, "b", 1),  // 4: ties 1 up to dedupe key
        Make(arena_, 200, At(1, 7), 500, 30, "b", 0),  // 5: ties 2 up to id
        Make(arena_, 200, At(1, 7), 500, 30, "a", 1),  // 6: ties 2 up to supplier
    };
    ptrs_ = Pointers(offers_);
  }

  Selection All() const {
    Selection s(offers_.size());
    for (uint32_t i = 0; i < s.size(); ++i) s[i] = i;
    return s;
  }

  Selection Sorted(SortKey key) {
    Selection s = All();
    Sort(ptrs_, s, key);
    return s;
  }

  Arena arena_;
  std::vector<Offer> offers_;
  std::vector<Offer*> ptrs_;
};

TEST_F(SortTest, CheapestThenDurationThenKeyThenSupplierThenId) {
  // 100: [3] 650 min, then [4] key 5 before [1] key 20. 200: key 30 three times: supplier 0 ids
  // "b" ([5]) vs "x" ([2]): "b" first; then supplier 1 ([6]).
  EXPECT_EQ(Sorted(SortKey::kCheapest), (Selection{3, 4, 1, 5, 2, 6, 0}));
}

TEST_F(SortTest, Fastest) {
  EXPECT_EQ(Sorted(SortKey::kFastest), (Selection{5, 2, 6, 0, 3, 4, 1}));
}

TEST_F(SortTest, EarliestDepartureUsesFirstSlice) {
  EXPECT_EQ(Sorted(SortKey::kEarliestDeparture), (Selection{3, 5, 2, 6, 0, 4, 1}));
}

TEST_F(SortTest, LatestArrivalUsesLastSliceDescending) {
  // Arrivals: [0] 19:00, [1]/[4] 23:40, [2]/[5]/[6] 15:20, [3] 16:50.
  EXPECT_EQ(Sorted(SortKey::kLatestArrival), (Selection{4, 1, 0, 3, 5, 2, 6}));
}

TEST_F(SortTest, LatestArrivalLooksAtTheReturnSlice) {
  Arena arena;
  std::vector<Offer> offers = {
      OfferBuilder(arena)
          .Key(1)
          .Slice({{"LHR", "JFK", "BA", At(1, 8), At(1, 16)}})
          .Slice({{"JFK", "LHR", "BA", At(8, 8), At(8, 20)}})
          .Build(),
      OfferBuilder(arena)
          .Key(2)
          .Slice({{"LHR", "JFK", "BA", At(1, 10), At(1, 23)}})
          .Slice({{"JFK", "LHR", "BA", At(8, 6), At(8, 14)}})
          .Build(),
  };
  std::vector<Offer*> ptrs = Pointers(offers);
  Selection s = {1, 0};
  Sort(ptrs, s, SortKey::kLatestArrival);
  EXPECT_EQ(s, (Selection{0, 1}));
  Sort(ptrs, s, SortKey::kEarliestDeparture);
  EXPECT_EQ(s, (Selection{0, 1}));
}

TEST_F(SortTest, BestUsesScore) {
  Score(ptrs_, All());
  Selection s = Sorted(SortKey::kBest);
  for (std::size_t i = 1; i < s.size(); ++i) {
    EXPECT_LE(offers_[s[i - 1]].score, offers_[s[i]].score);
  }
  // Scores: [3] 1+0.5*650/500=1.65; [5]/[2]/[6] 2+0.5=2.5; [4]/[1] 1+0.7=1.7; [0] 3+0.6=3.6.
  EXPECT_EQ(s, (Selection{3, 4, 1, 5, 2, 6, 0}));
  EXPECT_NE(offers_[s.front()].tags & kTagBest, 0);
}

TEST_F(SortTest, OrderDoesNotDependOnInputOrder) {
  Score(ptrs_, All());
  std::mt19937 rng(42);
  for (SortKey key : {SortKey::kBest, SortKey::kCheapest, SortKey::kFastest,
                      SortKey::kEarliestDeparture, SortKey::kLatestArrival}) {
    const Selection expected = Sorted(key);
    for (int round = 0; round < 20; ++round) {
      Selection s = All();
      std::shuffle(s.begin(), s.end(), rng);
      Sort(ptrs_, s, key);
      EXPECT_EQ(s, expected) << SortKeyName(key);
    }
  }
}

TEST_F(SortTest, SortsOnlyTheSelection) {
  Selection s = {0, 2, 1};
  Sort(ptrs_, s, SortKey::kCheapest);
  EXPECT_EQ(s, (Selection{1, 2, 0}));
  EXPECT_EQ(Keys(ptrs_, s), (std::vector<uint64_t>{20, 30, 10}));
  Selection empty;
  Sort(ptrs_, empty, SortKey::kCheapest);
  EXPECT_TRUE(empty.empty());
}

TEST_F(SortTest, ScoreAndSortIsScoreThenSort) {
  // Scores and tags left by an earlier rank, ordered against the ones about to be written: an
  // entry made before its offer's score would sort kBest by these.
  auto stale = [this] {
    for (std::size_t i = 0; i < offers_.size(); ++i) {
      offers_[i].score = -static_cast<float>(i);
      offers_[i].tags = kTagBest | kTagCheapest | kTagFastest;
    }
  };
  auto scores_and_tags = [this] {
    std::vector<std::pair<float, uint8_t>> out;
    for (const Offer& o : offers_) out.emplace_back(o.score, o.tags);
    return out;
  };
  for (SortKey key : {SortKey::kBest, SortKey::kCheapest, SortKey::kFastest,
                      SortKey::kEarliestDeparture, SortKey::kLatestArrival}) {
    for (const Selection& selection : {All(), Selection{6, 0, 3, 1}, Selection{}}) {
      stale();
      Selection separate = selection;
      Score(ptrs_, separate);
      Sort(ptrs_, separate, key);
      const auto separate_scores = scores_and_tags();
      stale();
      Selection fused = selection;
      ScoreAndSort(ptrs_, fused, key);
      EXPECT_EQ(fused, separate) << SortKeyName(key);
      EXPECT_EQ(scores_and_tags(), separate_scores) << SortKeyName(key);
    }
  }
  Selection best = All();
  ScoreAndSort(ptrs_, best, SortKey::kBest);
  EXPECT_EQ(best, (Selection{3, 4, 1, 5, 2, 6, 0}));  // as BestUsesScore works out
}

TEST(SortTieTest, FullyIdenticalOffersFallBackToIndex) {
  Arena arena;
  std::vector<Offer> offers = {Make(arena, 100, At(1, 8), 60, 1),
                               Make(arena, 100, At(1, 8), 60, 1)};
  std::vector<Offer*> ptrs = Pointers(offers);
  Selection s = {1, 0};
  Sort(ptrs, s, SortKey::kCheapest);
  EXPECT_EQ(s, (Selection{0, 1}));
}

}  // namespace
}  // namespace fareflow
