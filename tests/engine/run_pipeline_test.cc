// The query stages shared by a new search and a refine: RunQuery over a search's offers, and
// RefineSearch, which must leave the stored search as it was.

#include "engine/run_pipeline.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "api/search_request_json.h"
#include "core/clock.h"
#include "engine/builtin_source.h"
#include "engine/search_service.h"
#include "engine/worker_pool.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

SearchRequest LondonNewYork() {
  SearchRequest r;
  r.slices.push_back({LocationCode::Parse("LON"), LocationCode::Parse("NYC"), TodayUtc() + 30});
  r.slices.push_back({LocationCode::Parse("NYC"), LocationCode::Parse("LON"), TodayUtc() + 37});
  return r;
}

std::shared_ptr<CompletedSearch> BuiltinSearch() {
  BuiltinSource source(400);
  SearchService service(source, refdata::FxRates::Builtin(), {});
  auto search = service.Run(LondonNewYork());
  EXPECT_TRUE(search.has_value()) << search.error().message;
  return search ? *search : nullptr;
}

TEST(RunPipelineTest, RefineWithTheStoredRequestGivesTheStoredAnswer) {
  std::shared_ptr<CompletedSearch> s = BuiltinSearch();
  ASSERT_NE(s, nullptr);
  StageTimings timings;
  Result<SearchResult> view = RefineSearch(*s, s->request(), timings);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  EXPECT_EQ(view->selection, s->result.selection);
  EXPECT_EQ(view->page.offset, s->result.page.offset);
  EXPECT_EQ(view->page.count, s->result.page.count);
  EXPECT_EQ(view->page.next_cursor, s->result.page.next_cursor);
  EXPECT_EQ(view->facets.total, s->result.facets.total);
  EXPECT_EQ(view->received, s->result.received);
  EXPECT_EQ(view->parsed, s->result.parsed);
  ASSERT_EQ(view->suppliers.size(), s->result.suppliers.size());
  EXPECT_EQ(view->suppliers[0].name, s->result.suppliers[0].name);
  EXPECT_EQ(timings[Stage::kDedupe], 0) << "a refine does not dedupe again";
}

TEST(RunPipelineTest, RefineFiltersAndSortsItsOwnSelection) {
  std::shared_ptr<CompletedSearch> s = BuiltinSearch();
  ASSERT_NE(s, nullptr);
  const Selection stored = s->result.selection;
  // At most the price of the stored search's median offer.
  std::vector<int64_t> prices;
  for (uint32_t index : stored) prices.push_back(s->result.offers[index]->total_requested.minor);
  std::sort(prices.begin(), prices.end());
  const int64_t max_price = prices[prices.size() / 2];
  SearchRequest query = s->request();
  query.filters.max_price_minor = max_price;
  query.sort = SortKey::kFastest;
  query.limit = 0;
  StageTimings timings;
  Result<SearchResult> view = RefineSearch(*s, query, timings);
  ASSERT_TRUE(view.has_value()) << view.error().message;
  ASSERT_FALSE(view->selection.empty());
  EXPECT_LT(view->selection.size(), stored.size());
  EXPECT_EQ(view->page.count, view->selection.size());
  for (uint32_t index : view->selection) {
    EXPECT_LE(view->offers[index]->total_requested.minor, max_price);
  }
  for (std::size_t i = 1; i < view->selection.size(); ++i) {
    EXPECT_LE(view->offers[view->selection[i - 1]]->total_duration_minutes,
              view->offers[view->selection[i]]->total_duration_minutes);
  }
  EXPECT_EQ(s->result.selection, stored) << "the stored result is left as it was";
}

TEST(RunPipelineTest, ACursorOfAnotherQueryIsRefused) {
  std::shared_ptr<CompletedSearch> s = BuiltinSearch();
  ASSERT_NE(s, nullptr);
  ASSERT_FALSE(s->result.page.next_cursor.empty());
  SearchRequest query = s->request();
  query.cursor = s->result.page.next_cursor;
  StageTimings timings;
  Result<SearchResult> next = RefineSearch(*s, query, timings);
  ASSERT_TRUE(next.has_value()) << next.error().message;
  EXPECT_EQ(next->page.offset, s->result.page.count);

  query.sort = SortKey::kCheapest;
  Result<SearchResult> other = RefineSearch(*s, query, timings);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(other.error().field, "cursor");
}

TEST(RunPipelineTest, RunQueryIsWhatASearchRunsAfterDedupe) {
  std::shared_ptr<CompletedSearch> s = BuiltinSearch();
  ASSERT_NE(s, nullptr);
  SearchResult result;
  result.offers = s->result.offers;
  StageTimings timings;
  std::lock_guard lock(s->refine_mu);
  ASSERT_TRUE(RunQuery(s->request(), s->id, timings, result).has_value());
  EXPECT_EQ(result.selection, s->result.selection);
  EXPECT_EQ(result.page.next_cursor, s->result.page.next_cursor);
  EXPECT_TRUE(result.suppliers.empty()) << "only the query's fields are written";
}

// Everything RunQuery writes, facets field by field.
void ExpectSameQueryResult(const SearchResult& a, const SearchResult& b) {
  EXPECT_EQ(a.selection, b.selection);
  EXPECT_EQ(a.page.offset, b.page.offset);
  EXPECT_EQ(a.page.count, b.page.count);
  EXPECT_EQ(a.page.next_cursor, b.page.next_cursor);
  const Facets& x = a.facets;
  const Facets& y = b.facets;
  EXPECT_EQ(x.total, y.total);
  ASSERT_EQ(x.airlines.size(), y.airlines.size());
  for (std::size_t i = 0; i < x.airlines.size(); ++i) {
    EXPECT_EQ(x.airlines[i].code, y.airlines[i].code);
    EXPECT_EQ(x.airlines[i].value.count, y.airlines[i].value.count);
    EXPECT_EQ(x.airlines[i].value.min_price_minor, y.airlines[i].value.min_price_minor);
    EXPECT_EQ(x.airlines[i].name, y.airlines[i].name);
    EXPECT_FALSE(x.airlines[i].name.empty());
  }
  ASSERT_EQ(x.connecting_airports.size(), y.connecting_airports.size());
  for (std::size_t i = 0; i < x.connecting_airports.size(); ++i) {
    EXPECT_EQ(x.connecting_airports[i].code, y.connecting_airports[i].code);
    EXPECT_EQ(x.connecting_airports[i].value.count, y.connecting_airports[i].value.count);
  }
  ASSERT_EQ(x.alliances.size(), y.alliances.size());
  for (std::size_t i = 0; i < x.alliances.size(); ++i) {
    EXPECT_EQ(x.alliances[i].alliance, y.alliances[i].alliance);
    EXPECT_EQ(x.alliances[i].value.count, y.alliances[i].value.count);
  }
  for (std::size_t i = 0; i < x.stops.size(); ++i) EXPECT_EQ(x.stops[i].count, y.stops[i].count);
  ASSERT_EQ(x.price_histogram.size(), y.price_histogram.size());
  for (std::size_t i = 0; i < x.price_histogram.size(); ++i) {
    EXPECT_EQ(x.price_histogram[i].count, y.price_histogram[i].count);
  }
  EXPECT_EQ(x.min_price_minor, y.min_price_minor);
  EXPECT_EQ(x.max_price_minor, y.max_price_minor);
}

// A selection large enough for RunQuery to count the facets on a worker while it sorts gives the
// answer of the same query run in turn on one thread, under every sort.
TEST(RunPipelineTest, FacetsCountedBesideTheSortGiveTheSameAnswer) {
  BuiltinSource source(2 * kOffersWorthASecondThread);
  SearchService service(source, refdata::FxRates::Builtin(), {});
  SearchRequest request = LondonNewYork();
  request.limit = 50;
  auto search = service.Run(request);
  ASSERT_TRUE(search.has_value()) << search.error().message;
  CompletedSearch& s = **search;
  ASSERT_GE(s.result.selection.size(), kOffersWorthASecondThread);
  WorkerPool pool(2);
  std::lock_guard lock(s.refine_mu);
  for (SortKey sort : {SortKey::kBest, SortKey::kCheapest, SortKey::kFastest,
                       SortKey::kEarliestDeparture, SortKey::kLatestArrival}) {
    SCOPED_TRACE(static_cast<int>(sort));
    SearchRequest query = s.request();
    query.sort = sort;
    SearchResult in_turn;
    in_turn.offers = s.result.offers;
    StageTimings timings;
    ASSERT_TRUE(RunQuery(query, s.id, timings, in_turn).has_value());
    SearchResult beside;
    beside.offers = s.result.offers;
    StageTimings beside_timings;
    ASSERT_TRUE(RunQuery(query, s.id, beside_timings, beside, &pool).has_value());
    ExpectSameQueryResult(beside, in_turn);
    EXPECT_GT(beside_timings[Stage::kFacets], 0);
  }
}

}  // namespace
}  // namespace fareflow
