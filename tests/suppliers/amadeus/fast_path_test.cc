// The offer reader's two paths read the same offers: offers as Amadeus sends them are read by the
// fast path (offer_fast_path.cc), and the same offers changed in a way that means nothing — a
// string sent escaped, a count sent as a numeric string — are read again by the On-Demand reader
// after the fast path gives up, at the start of an offer or deep inside it. Each pair of parses
// must give the same offers, field for field, and the same counts.

#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "support/generated_payload.h"
#include "support/offer_texts.h"

namespace fareflow::amadeus {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What a parse yields, as text: the offers' answer JSON and the counts.
struct Read {
  std::vector<std::string> offers;
  int received = 0;
  int dropped = 0;
};

Read ParseAll(const std::string& json, const SearchRequest& request) {
  const Enricher enricher(request, refdata::FxRates::Builtin());
  Arena arena;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string payload(json);
  OfferBatch batch(arena.resource());
  const Result<void> parsed = ParseFlightOffers(payload, parser, enricher, arena, 1, batch);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return {testing_support::OfferTexts(batch), batch.received, batch.dropped_total()};
}

// A change that keeps every offer's meaning but makes the fast path give up where it applies:
// `edit` is called at the value of every `key` (with its quotes, a colon after it) and rewrites
// the value in place, or leaves it and returns false.
struct Change {
  const char* name;
  std::string_view key;
  std::function<bool(std::string& json, std::size_t value)> edit;
};

// An edit that replaces the value's first bytes `from` by `to`.
std::function<bool(std::string&, std::size_t)> Prefix(std::string_view from, std::string_view to) {
  return [from, to](std::string& json, std::size_t value) {
    if (json.compare(value, from.size(), from) != 0) return false;
    json.replace(value, from.size(), to);
    return true;
  };
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::vector<Change> Changes() {
  return {
      // The offer's own field, before anything else is read: a count as a numeric string.
      {"seats as a numeric string", R"("numberOfBookableSeats")",
       [](std::string& json, std::size_t value) {
         std::size_t end = value;
         while (end < json.size() && IsDigit(json[end])) ++end;
         if (end == value) return false;
         json.insert(end, 1, '"');
         json.insert(value, 1, '"');
         return true;
       }},
      // In the middle: the price, after the itineraries have filled the scratch.
      {"escaped currency", R"("currency")", Prefix(R"("E)", R"("\u0045)")},
      // In a segment.
      {"escaped arrival time", R"("at")", Prefix(R"("2)", R"("\u0032)")},
      // Deep inside: a fare detail's cabin (the co2Emissions' cabins are not read), then a
      // traveler after the first.
      {"escaped cabin", R"("cabin")", Prefix(R"("E)", R"("\u0045)")},
      {"escaped traveler type", R"("travelerType")", Prefix(R"("C)", R"("\u0043)")},
      // A bag count with a fraction part, which only On-Demand reads.
      {"bag quantity 1.0", R"("quantity")",
       [](std::string& json, std::size_t value) {
         if (json[value] != '1' || IsDigit(json[value + 1])) return false;
         json.insert(value + 1, ".0");
         return true;
       }},
  };
}

// `json` with `change` made at every value it applies to.
std::string Apply(std::string json, const Change& change) {
  const auto skip_space = [&json](std::size_t at) {
    while (at < json.size() &&
           (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) {
      ++at;
    }
    return at;
  };
  for (std::size_t at = json.find(change.key); at != std::string::npos;
       at = json.find(change.key, at + 1)) {
    std::size_t value = skip_space(at + change.key.size());
    if (value >= json.size() || json[value] != ':') continue;
    value = skip_space(value + 1);
    if (value < json.size()) change.edit(json, value);
  }
  return json;
}

void ExpectBothPathsAgree(const std::string& json, const SearchRequest& request) {
  const Read fast = ParseAll(json, request);
  ASSERT_FALSE(fast.offers.empty());
  for (const Change& change : Changes()) {
    SCOPED_TRACE(change.name);
    const std::string changed = Apply(json, change);
    const Read slow = ParseAll(changed, request);
    EXPECT_EQ(slow.received, fast.received);
    EXPECT_EQ(slow.dropped, fast.dropped);
    EXPECT_EQ(slow.offers, fast.offers);
  }
}

TEST(AmadeusFastPathTest, GeneratedOffersReadTheSameByBothPaths) {
  SearchRequest request = testing_support::GeneratedRoundTrip(2);
  request.passengers.child_ages = {7};
  const std::string json =
      testing_support::GeneratedPayload(testing_support::PayloadShape::kAmadeus, 150, 17, request);
  ExpectBothPathsAgree(json, request);
}

TEST(AmadeusFastPathTest, RecordedOffersReadTheSameByBothPaths) {
  SearchRequest request;  // no slices: the route is not checked
  request.currency = CurrencyCode::Parse("EUR");
  ExpectBothPathsAgree(ReadFile(std::string(FAREFLOW_SOURCE_DIR) +
                                "/tests/suppliers/amadeus/testdata/round_trip.json"),
                       request);
}

// A later adult's fare details are skipped unread, in one move when they repeat the first adult's
// to the byte (as generated) and token by token when they do not: either way the offers are the
// same.
TEST(AmadeusFastPathTest, LaterAdultsDetailsAreSkippedWhetherOrNotTheyRepeat) {
  const SearchRequest request = testing_support::GeneratedRoundTrip(2);
  const std::string json =
      testing_support::GeneratedPayload(testing_support::PayloadShape::kAmadeus, 60, 17, request);
  // Every second adult's first fare detail gains an amenity: the same meaning, other text.
  const std::string_view details = R"("fareDetailsBySegment":[{)";
  std::string changed = json;
  int travelers = 0;
  int edits = 0;
  for (std::size_t at = changed.find(details); at != std::string::npos;
       at = changed.find(details, at + 1)) {
    if (++travelers % 2 == 1) continue;
    changed.insert(at + details.size(), R"("amenities":[{"description":"SEAT"}],)");
    ++edits;
  }
  ASSERT_GT(edits, 0);
  const Read same = ParseAll(json, request);
  const Read different = ParseAll(changed, request);
  ASSERT_FALSE(same.offers.empty());
  EXPECT_EQ(different.received, same.received);
  EXPECT_EQ(different.dropped, same.dropped);
  EXPECT_EQ(different.offers, same.offers);
}

// The changes above only test something if they reach the offers: each must change the text.
TEST(AmadeusFastPathTest, EveryChangeApplies) {
  SearchRequest request = testing_support::GeneratedRoundTrip(2);
  request.passengers.child_ages = {7};
  const std::string json =
      testing_support::GeneratedPayload(testing_support::PayloadShape::kAmadeus, 20, 17, request);
  for (const Change& change : Changes()) {
    EXPECT_NE(Apply(json, change), json) << change.name;
  }
}

}  // namespace
}  // namespace fareflow::amadeus
