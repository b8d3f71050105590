// The offer reader's two paths read the same offers: offers as Amadeus sends them are read by the
// fast path (offer_fast_path.cc), and the same offers changed in a way that means nothing — a
// string sent escaped, a count sent as a numeric string — are read again by the On-Demand reader
// after the fast path gives up, at the start of an offer or deep inside it. Each pair of parses
// must give the same offers, field for field, and the same counts.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
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

// A change that keeps every offer's meaning but makes the fast path give up where it applies.
struct Change {
  const char* name;
  std::regex pattern;
  const char* replacement;
};

std::vector<Change> Changes() {
  return {
      // The offer's own field, before anything else is read.
      {"seats as a numeric string", std::regex(R"re(("numberOfBookableSeats"\s*:\s*)(\d+))re"),
       R"re($1"$2")re"},
      // In the middle: the price, after the itineraries have filled the scratch.
      {"escaped currency", std::regex(R"re(("currency"\s*:\s*")E)re"), R"re($1\u0045)re"},
      // In a segment.
      {"escaped arrival time", std::regex(R"re(("at"\s*:\s*")2)re"), R"re($1\u0032)re"},
      // Deep inside: a fare detail's cabin (the co2Emissions' cabins are not read), then a
      // traveler after the first.
      {"escaped cabin", std::regex(R"re(("cabin"\s*:\s*")E)re"), R"re($1\u0045)re"},
      {"escaped traveler type", std::regex(R"re(("travelerType"\s*:\s*")C)re"), R"re($1\u0043)re"},
      // A bag count with a fraction part, which only On-Demand reads.
      {"bag quantity 1.0", std::regex(R"re(("quantity"\s*:\s*1)\b)re"), R"re($1.0)re"},
  };
}

void ExpectBothPathsAgree(const std::string& json, const SearchRequest& request) {
  const Read fast = ParseAll(json, request);
  ASSERT_FALSE(fast.offers.empty());
  for (const Change& change : Changes()) {
    SCOPED_TRACE(change.name);
    const std::string changed = std::regex_replace(json, change.pattern, change.replacement);
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

// The changes above only test something if they reach the offers: each must change the text.
TEST(AmadeusFastPathTest, EveryChangeApplies) {
  SearchRequest request = testing_support::GeneratedRoundTrip(2);
  request.passengers.child_ages = {7};
  const std::string json =
      testing_support::GeneratedPayload(testing_support::PayloadShape::kAmadeus, 20, 17, request);
  for (const Change& change : Changes()) {
    EXPECT_NE(std::regex_replace(json, change.pattern, change.replacement), json) << change.name;
  }
}

}  // namespace
}  // namespace fareflow::amadeus
