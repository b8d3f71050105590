#include "pipeline/page.h"

#include <array>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xxhash.h>

#include "core/base64.h"

namespace fareflow {
namespace {

constexpr uint64_t kFingerprint = 0x0123456789abcdefull;

Selection Numbers(uint32_t n) {
  Selection s;
  for (uint32_t i = 0; i < n; ++i) s.push_back(1000 + i);
  return s;
}

// Walks every page of `sorted` with `limit`; returns the entries in page order.
std::vector<uint32_t> WalkAll(const Selection& sorted, int limit, int* pages) {
  std::vector<uint32_t> seen;
  std::string cursor;
  *pages = 0;
  while (true) {
    Result<Page> page = TakePage(sorted, limit, cursor, kFingerprint);
    EXPECT_TRUE(page.has_value()) << page.error().message;
    if (!page) break;
    ++*pages;
    EXPECT_LE(page->offset + page->count, sorted.size());
    for (std::size_t i = page->offset; i < page->offset + page->count; ++i) {
      seen.push_back(sorted[i]);
    }
    if (page->next_cursor.empty()) break;
    EXPECT_EQ(page->count, static_cast<std::size_t>(limit));
    cursor = page->next_cursor;
    if (*pages > 1000) break;
  }
  return seen;
}

TEST(PageTest, WalkingAllPagesReturnsEveryEntryOnceInOrder) {
  for (uint32_t n : {0u, 1u, 9u, 10u, 11u, 57u}) {
    const Selection sorted = Numbers(n);
    for (int limit : {1, 3, 10, 100}) {
      int pages = 0;
      EXPECT_EQ(WalkAll(sorted, limit, &pages), sorted) << n << " / " << limit;
      const int expected_pages = n == 0 ? 1 : static_cast<int>((n + limit - 1) / limit);
      EXPECT_EQ(pages, expected_pages) << n << " / " << limit;
    }
  }
}

TEST(PageTest, FirstPageAndNextCursor) {
  const Selection sorted = Numbers(25);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->offset, 0u);
  EXPECT_EQ(first->count, 10u);
  ASSERT_FALSE(first->next_cursor.empty());
  Result<Page> second = TakePage(sorted, 10, first->next_cursor, kFingerprint);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->offset, 10u);
  EXPECT_EQ(second->count, 10u);
  Result<Page> third = TakePage(sorted, 10, second->next_cursor, kFingerprint);
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->offset, 20u);
  EXPECT_EQ(third->count, 5u);
  EXPECT_TRUE(third->next_cursor.empty());
}

TEST(PageTest, ExactMultipleHasNoEmptyTrailingPage) {
  const Selection sorted = Numbers(20);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint);
  ASSERT_TRUE(first.has_value());
  Result<Page> second = TakePage(sorted, 10, first->next_cursor, kFingerprint);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->count, 10u);
  EXPECT_TRUE(second->next_cursor.empty());
}

TEST(PageTest, LimitZeroTakesEverything) {
  const Selection sorted = Numbers(57);
  Result<Page> page = TakePage(sorted, 0, "", kFingerprint);
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->offset, 0u);
  EXPECT_EQ(page->count, 57u);
  EXPECT_TRUE(page->next_cursor.empty());
}

TEST(PageTest, LimitZeroFromACursorTakesTheRest) {
  const Selection sorted = Numbers(57);
  Result<Page> first = TakePage(sorted, 20, "", kFingerprint);
  ASSERT_TRUE(first.has_value());
  Result<Page> rest = TakePage(sorted, 0, first->next_cursor, kFingerprint);
  ASSERT_TRUE(rest.has_value());
  EXPECT_EQ(rest->offset, 20u);
  EXPECT_EQ(rest->count, 37u);
  EXPECT_TRUE(rest->next_cursor.empty());
}

TEST(PageTest, CursorIsUrlSafe) {
  const Selection sorted = Numbers(5000);
  std::set<std::string> cursors;
  std::string cursor;
  for (int i = 0; i < 200; ++i) {
    Result<Page> page = TakePage(sorted, 7, cursor, kFingerprint);
    ASSERT_TRUE(page.has_value());
    cursor = page->next_cursor;
    for (char c : cursor) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << cursor;
    }
    cursors.insert(cursor);
  }
  EXPECT_EQ(cursors.size(), 200u);
}

TEST(PageTest, CursorFromAnotherQueryIsRejected) {
  const Selection sorted = Numbers(30);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint);
  ASSERT_TRUE(first.has_value());
  Result<Page> foreign = TakePage(sorted, 10, first->next_cursor, kFingerprint + 1);
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(foreign.error().message, "cursor does not belong to this query");
  EXPECT_EQ(foreign.error().field, "cursor");
}

TEST(PageTest, GarbledCursorsAreRejected) {
  const Selection sorted = Numbers(30);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint);
  ASSERT_TRUE(first.has_value());
  const std::string good = first->next_cursor;
  std::vector<std::string> bad = {"x",
                                  "not a cursor",
                                  good + "A",
                                  good.substr(1),
                                  std::string(good.size(), '='),
                                  std::string(good.size(), 'A')};
  // Every single-character change is caught, whichever character.
  for (std::size_t i = 0; i < good.size(); ++i) {
    std::string changed = good;
    changed[i] = changed[i] == 'B' ? 'C' : 'B';
    bad.push_back(changed);
  }
  for (const std::string& cursor : bad) {
    Result<Page> page = TakePage(sorted, 10, cursor, kFingerprint);
    ASSERT_FALSE(page.has_value()) << cursor;
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(page.error().message, "malformed cursor") << cursor;
    EXPECT_EQ(page.error().field, "cursor");
  }
}

TEST(PageTest, CursorPastTheEndIsRejected) {
  const Selection big = Numbers(100);
  Result<Page> page = TakePage(big, 50, "", kFingerprint);
  ASSERT_TRUE(page.has_value());
  Result<Page> small = TakePage(Numbers(10), 50, page->next_cursor, kFingerprint);
  ASSERT_FALSE(small.has_value());
  EXPECT_EQ(small.error().field, "cursor");
  EXPECT_EQ(small.error().code, ErrorCode::kInvalidArgument);
}

TEST(PageTest, NegativeLimitIsRejected) {
  Result<Page> page = TakePage(Numbers(3), -1, "", kFingerprint);
  ASSERT_FALSE(page.has_value());
  EXPECT_EQ(page.error().field, "limit");
  EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
}

TEST(QueryFingerprintTest, SameQuerySameFingerprint) {
  SearchRequest a;
  a.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), 20000});
  a.filters.max_stops = 1;
  SearchRequest b = a;
  b.cursor = "anything";  // the cursor is not part of the query
  EXPECT_EQ(QueryFingerprint(a, "s1"), QueryFingerprint(b, "s1"));
}

TEST(QueryFingerprintTest, EveryPartOfTheQueryChangesIt) {
  SearchRequest base;
  base.slices.push_back({LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), 20000});
  const uint64_t fp = QueryFingerprint(base, "s1");
  std::vector<SearchRequest> variants;
  auto vary = [&](auto change) {
    SearchRequest r = base;
    change(r);
    variants.push_back(r);
  };
  vary([](SearchRequest& r) { r.sort = SortKey::kCheapest; });
  vary([](SearchRequest& r) { r.max_connections = 1; });
  vary([](SearchRequest& r) { r.slices[0].departure_date += 1; });
  vary([](SearchRequest& r) { r.passengers.adults = 2; });
  vary([](SearchRequest& r) { r.currency = CurrencyCode::Parse("USD"); });
  vary([](SearchRequest& r) { r.filters.max_stops = 0; });
  vary([](SearchRequest& r) { r.filters.slice_max_stops = {std::nullopt}; });
  vary([](SearchRequest& r) { r.filters.include_airlines = {AirlineCode::Parse("BA")}; });
  vary([](SearchRequest& r) { r.filters.exclude_airlines = {AirlineCode::Parse("BA")}; });
  vary([](SearchRequest& r) { r.filters.include_alliances = {refdata::Alliance::kOneworld}; });
  vary([](SearchRequest& r) { r.filters.exclude_alliances = {refdata::Alliance::kOneworld}; });
  vary([](SearchRequest& r) { r.filters.departure_windows = {TimeWindow{0, 60}}; });
  vary([](SearchRequest& r) { r.filters.arrival_windows = {TimeWindow{0, 60}}; });
  vary([](SearchRequest& r) { r.filters.max_duration_minutes = 600; });
  vary([](SearchRequest& r) { r.filters.max_price_minor = 10000; });
  vary([](SearchRequest& r) { r.filters.checked_bag_included = true; });
  vary([](SearchRequest& r) { r.filters.layover_airports_include = {LocationCode::Parse("FRA")}; });
  vary([](SearchRequest& r) { r.filters.layover_airports_exclude = {LocationCode::Parse("FRA")}; });
  vary([](SearchRequest& r) { r.filters.min_layover_minutes = 60; });
  vary([](SearchRequest& r) { r.filters.max_layover_minutes = 60; });
  vary([](SearchRequest& r) { r.filters.no_airport_change = true; });
  vary([](SearchRequest& r) { r.filters.max_co2_kg = 100; });
  std::set<uint64_t> seen = {fp};
  for (const SearchRequest& r : variants) {
    EXPECT_TRUE(seen.insert(QueryFingerprint(r, "s1")).second);
  }
  EXPECT_NE(QueryFingerprint(base, "s2"), fp);
  // The page size and the cursor are not part of the query: pages of any size continue a listing.
  SearchRequest other_page = base;
  other_page.limit = 50;
  other_page.cursor = "abc";
  EXPECT_EQ(QueryFingerprint(other_page, "s1"), fp);
  // Lists are length-prefixed: moving a window from departure to arrival changes it too.
  SearchRequest dep = base;
  dep.filters.departure_windows = {TimeWindow{0, 60}};
  SearchRequest arr = base;
  arr.filters.arrival_windows = {TimeWindow{0, 60}};
  EXPECT_NE(QueryFingerprint(dep, "s1"), QueryFingerprint(arr, "s1"));
}

TEST(QueryFingerprintTest, CursorOfOneSortIsForeignToAnother) {
  SearchRequest best;
  SearchRequest cheapest;
  cheapest.sort = SortKey::kCheapest;
  const Selection sorted = Numbers(30);
  Result<Page> page = TakePage(sorted, 10, "", QueryFingerprint(best, "s"));
  ASSERT_TRUE(page.has_value());
  Result<Page> other = TakePage(sorted, 10, page->next_cursor, QueryFingerprint(cheapest, "s"));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().message, "cursor does not belong to this query");
}

// The cursor a client could make before cursors were signed (version 2): the version, the
// fingerprint, the offset and an unkeyed XXH3 check of those, which anyone can compute.
std::string ForgedUnkeyedCursor(uint8_t version, uint64_t fingerprint, uint32_t offset) {
  std::array<uint8_t, 15> b{};
  b[0] = version;
  for (int i = 0; i < 8; ++i) b[1 + i] = static_cast<uint8_t>(fingerprint >> (8 * i));
  for (int i = 0; i < 4; ++i) b[9 + i] = static_cast<uint8_t>(offset >> (8 * i));
  const uint64_t h = XXH3_64bits(b.data(), 13);
  const auto check = static_cast<uint16_t>(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
  b[13] = static_cast<uint8_t>(check);
  b[14] = static_cast<uint8_t>(check >> 8);
  return EncodeBase64Url({reinterpret_cast<const char*>(b.data()), b.size()});
}

TEST(PageTest, CursorsForgedWithTheUnkeyedCheckAreRefused) {
  const Selection sorted = Numbers(30);
  for (uint8_t version : {2, 3}) {
    const std::string forged = ForgedUnkeyedCursor(version, kFingerprint, 20);
    Result<Page> page = TakePage(sorted, 10, forged, kFingerprint);
    ASSERT_FALSE(page.has_value()) << "version " << int{version} << " read at " << page->offset;
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(page.error().message, "malformed cursor");
    EXPECT_EQ(page.error().field, "cursor");
  }
}

constexpr std::string_view kKeyA =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr std::string_view kKeyB =
    "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

TEST(PageTest, ACursorMadeUnderAnotherKeyIsRefused) {
  const Selection sorted = Numbers(30);
  const MacKey a = *MacKey::Parse(kKeyA);
  const MacKey b = *MacKey::Parse(kKeyB);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint, a);
  ASSERT_TRUE(first.has_value());
  Result<Page> elsewhere = TakePage(sorted, 10, first->next_cursor, kFingerprint, b);
  ASSERT_FALSE(elsewhere.has_value());
  EXPECT_EQ(elsewhere.error().message, "malformed cursor");
  EXPECT_EQ(elsewhere.error().field, "cursor");
  // Nor under this process's own random key.
  EXPECT_FALSE(TakePage(sorted, 10, first->next_cursor, kFingerprint).has_value());
}

TEST(PageTest, InstancesConfiguredWithTheSameKeyAcceptEachOthersCursors) {
  const Selection sorted = Numbers(30);
  // Two instances read the same configured key, each into its own MacKey.
  const MacKey one = *MacKey::Parse(kKeyA);
  const MacKey other = *MacKey::Parse(kKeyA);
  Result<Page> first = TakePage(sorted, 10, "", kFingerprint, one);
  ASSERT_TRUE(first.has_value());
  Result<Page> second = TakePage(sorted, 10, first->next_cursor, kFingerprint, other);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_EQ(second->offset, 10u);
  Result<Page> third = TakePage(sorted, 10, second->next_cursor, kFingerprint, one);
  ASSERT_TRUE(third.has_value()) << third.error().message;
  EXPECT_EQ(third->offset, 20u);
}

}  // namespace
}  // namespace fareflow
