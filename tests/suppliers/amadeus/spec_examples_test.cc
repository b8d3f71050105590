// The example responses of Amadeus's published Flight Offers Search v2 specification
// (tests/fixtures/amadeus), parsed as fareflow would parse a live answer.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"

namespace fareflow {
namespace {

// The JSON text of `responses/<name>/schema/example` in the specification.
std::string SpecExample(const char* name) {
  const std::string path =
      std::string(FAREFLOW_SOURCE_DIR) +
      "/tests/fixtures/amadeus/FlightOffersSearch_v2_swagger_specification.json";
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  simdjson::dom::parser parser;
  simdjson::dom::element example;
  if (parser.parse(text.str())["responses"][name]["schema"]["example"].get(example)) {
    ADD_FAILURE() << "no example " << name << " in " << path;
    return "";
  }
  return simdjson::minify(example);
}

// Offers point into `payload` and `arena`, so the three live together.
struct Parsed {
  simdjson::padded_string payload;
  Arena arena;
  OfferBatch batch{arena.resource()};
};

void Parse(const std::string& json, Parsed& p) {
  SearchRequest request;  // no route: recorded examples are checked field by field instead
  request.currency = CurrencyCode::Parse("EUR");
  Enricher enricher(request, refdata::FxRates::Builtin());
  p.payload = simdjson::padded_string(json);
  static simdjson::ondemand::parser parser;
  auto result = amadeus::ParseFlightOffers(p.payload, parser, enricher, p.arena, 0, p.batch);
  ASSERT_TRUE(result.has_value()) << result.error().message;
}

TEST(AmadeusSpecExamplesTest, OneWayExampleParses) {
  Parsed p;
  Parse(SpecExample("GETAirOffersReply"), p);
  ASSERT_EQ(p.batch.offers.size(), 2u);
  EXPECT_EQ(p.batch.dropped_total(), 0);
  const Offer& o = p.batch.offers[0];
  EXPECT_EQ(o.supplier_offer_id, "1");
  EXPECT_EQ(o.total, (Money{35534, CurrencyCode::Parse("EUR")}));
  EXPECT_EQ(o.total_requested.minor, 35534);
  ASSERT_EQ(o.slices.size(), 1u);
  const Slice& s = o.slices[0];
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.origin, LocationCode::Parse("SYD"));
  EXPECT_EQ(s.destination, LocationCode::Parse("BKK"));
  EXPECT_EQ(s.segments[0].marketing_carrier, AirlineCode::Parse("PR"));
  EXPECT_EQ(s.segments[0].marketing_flight_number, "212");
  // SYD 11:35 (UTC+11 in November) to MNL 16:50 (UTC+8): 8h15, as the example says.
  EXPECT_EQ(s.segments[0].duration_minutes, 8 * 60 + 15);
  EXPECT_EQ(s.segments[0].supplier_duration_minutes, 8 * 60 + 15);
  ASSERT_EQ(s.layovers.size(), 1u);
  EXPECT_EQ(s.layovers[0].arrival_airport, LocationCode::Parse("MNL"));
  EXPECT_EQ(s.layovers[0].minutes, 150);
  EXPECT_EQ(s.stops, 1);
  EXPECT_EQ(s.duration_minutes, s.supplier_duration_minutes);
  EXPECT_EQ(o.cabin, Cabin::kEconomy);
}

TEST(AmadeusSpecExamplesTest, ExampleWithConnectionsThroughLondonParses) {
  Parsed p;
  Parse(SpecExample("returnAirOffers"), p);
  ASSERT_EQ(p.batch.offers.size(), 2u);
  EXPECT_EQ(p.batch.dropped_total(), 0);
  for (const Offer& o : p.batch.offers) {
    EXPECT_EQ(o.total.currency, CurrencyCode::Parse("USD"));
    EXPECT_EQ(o.total.minor, 34220);
    EXPECT_EQ(o.total_requested.currency, CurrencyCode::Parse("EUR"));
    EXPECT_GT(o.total_requested.minor, 0);
    ASSERT_EQ(o.slices.size(), 1u);
    EXPECT_EQ(o.slices[0].destination, LocationCode::Parse("MAD"));
    EXPECT_EQ(o.slices[0].segments.size(), 2u);
    // The overnight connection at LHR: arrive in the morning of 2 November, leave at 10:30.
    EXPECT_EQ(o.slices[0].layovers[0].arrival_airport, LocationCode::Parse("LHR"));
    EXPECT_GT(o.slices[0].layovers[0].minutes, 0);
    EXPECT_EQ(o.slices[0].arrival_day_offset, 1);
  }
  EXPECT_NE(p.batch.offers[0].dedupe_key, p.batch.offers[1].dedupe_key);
}

}  // namespace
}  // namespace fareflow
