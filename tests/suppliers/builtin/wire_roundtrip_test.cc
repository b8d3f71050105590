// Generated offers -> wire format writer -> that format's parser: every supplier field the format
// carries must come back exactly.

#include <strings.h>

#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/builtin/offer_generator.h"
#include "suppliers/duffel/offers_parser.h"
#include "suppliers/duffel/response_writer.h"

namespace fareflow {
namespace {

SearchRequest Request() {
  SearchRequest r;
  r.slices = {
      {LocationCode::Parse("LON"), LocationCode::Parse("NYC"), DaysFromCivil(2026, 12, 20)},
      {LocationCode::Parse("NYC"), LocationCode::Parse("LON"), DaysFromCivil(2026, 12, 27)}};
  r.passengers.adults = 2;
  r.passengers.child_ages = {9};
  r.passengers.infants = 1;
  return r;
}

std::vector<Offer> Generate(const SearchRequest& request, Arena& arena) {
  builtin::GeneratorOptions options;
  options.offer_count = 400;
  options.seed = 7;
  return builtin::GenerateOffers(request, options, arena);
}

bool SameText(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// The fields every format carries.
void ExpectSameFlights(const Offer& want, const Offer& got, std::size_t index) {
  SCOPED_TRACE("offer " + std::to_string(index));
  EXPECT_EQ(got.total, want.total);
  EXPECT_EQ(got.base, want.base);
  EXPECT_EQ(got.cabin, want.cabin);
  EXPECT_TRUE(SameText(got.fare_brand, want.fare_brand)) << got.fare_brand;
  EXPECT_EQ(got.bags.checked_pieces, want.bags.checked_pieces);
  EXPECT_EQ(got.bags.cabin_pieces, want.bags.cabin_pieces);
  EXPECT_EQ(got.supplier_co2_grams, want.supplier_co2_grams);
  ASSERT_EQ(got.slices.size(), want.slices.size());
  for (std::size_t s = 0; s < want.slices.size(); ++s) {
    ASSERT_EQ(got.slices[s].segments.size(), want.slices[s].segments.size());
    for (std::size_t k = 0; k < want.slices[s].segments.size(); ++k) {
      const Segment& w = want.slices[s].segments[k];
      const Segment& g = got.slices[s].segments[k];
      EXPECT_EQ(g.origin, w.origin);
      EXPECT_EQ(g.destination, w.destination);
      EXPECT_EQ(g.departure_local, w.departure_local);
      EXPECT_EQ(g.arrival_local, w.arrival_local);
      EXPECT_EQ(g.marketing_carrier, w.marketing_carrier);
      EXPECT_EQ(g.marketing_flight_number, w.marketing_flight_number);
      EXPECT_EQ(g.operating_carrier, w.operating_carrier);
      EXPECT_EQ(g.aircraft_code, w.aircraft_code);
      EXPECT_EQ(g.fare_basis, w.fare_basis);
      EXPECT_EQ(g.origin_terminal, w.origin_terminal);
      EXPECT_EQ(g.destination_terminal, w.destination_terminal);
      EXPECT_EQ(g.supplier_duration_minutes, w.supplier_duration_minutes);
    }
  }
}

TEST(WireRoundTripTest, AmadeusFlightOffers) {
  const SearchRequest request = Request();
  Arena arena;
  const std::vector<Offer> offers = Generate(request, arena);
  ASSERT_EQ(offers.size(), 400u);
  std::string body;
  amadeus::WriteFlightOffersResponse(offers, request, body);

  const simdjson::padded_string payload(body);
  simdjson::ondemand::parser parser;
  const Enricher enricher(request, refdata::FxRates::Builtin());
  Arena parsed_arena;
  OfferBatch batch(parsed_arena.resource());
  const Result<void> result =
      amadeus::ParseFlightOffers(payload, parser, enricher, parsed_arena, 0, batch);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(batch.dropped_total(), 0) << batch.first_drop_detail;
  ASSERT_EQ(batch.offers.size(), offers.size());
  for (std::size_t i = 0; i < offers.size(); ++i) {
    const Offer& want = offers[i];
    const Offer& got = batch.offers[i];
    ExpectSameFlights(want, got, i);
    EXPECT_EQ(got.validating_carrier, want.validating_carrier);
    EXPECT_EQ(got.seats_available, want.seats_available);
    EXPECT_EQ(got.supplier_offer_id, std::to_string(i + 1));
    ASSERT_EQ(got.passenger_prices.size(), want.passenger_prices.size());
    for (std::size_t p = 0; p < want.passenger_prices.size(); ++p) {
      EXPECT_EQ(got.passenger_prices[p].type, want.passenger_prices[p].type);
      EXPECT_EQ(got.passenger_prices[p].count, want.passenger_prices[p].count);
      EXPECT_EQ(got.passenger_prices[p].total_each, want.passenger_prices[p].total_each);
    }
    for (std::size_t s = 0; s < want.slices.size(); ++s) {
      for (std::size_t k = 0; k < want.slices[s].segments.size(); ++k) {
        EXPECT_EQ(got.slices[s].segments[k].booking_class,
                  want.slices[s].segments[k].booking_class);
      }
    }
  }
}

// Duffel states no per-passenger prices, only the offer's; conditions and operating flight
// numbers it does carry.
void ExpectDuffelFields(const std::vector<Offer>& offers, const OfferBatch& batch) {
  ASSERT_EQ(batch.offers.size(), offers.size());
  for (std::size_t i = 0; i < offers.size(); ++i) {
    const Offer& want = offers[i];
    const Offer& got = batch.offers[i];
    ExpectSameFlights(want, got, i);
    EXPECT_EQ(got.conditions.refundable, want.conditions.refundable);
    EXPECT_EQ(got.conditions.changeable, want.conditions.changeable);
    if (want.conditions.changeable == Tristate::kYes) {
      EXPECT_EQ(got.conditions.change_penalty, want.conditions.change_penalty);
    }
    if (want.conditions.refundable == Tristate::kYes) {
      EXPECT_EQ(got.conditions.refund_penalty, want.conditions.refund_penalty);
    }
    EXPECT_EQ(got.supplier_offer_id.substr(0, 4), "off_");
    for (std::size_t s = 0; s < want.slices.size(); ++s) {
      EXPECT_EQ(got.slices[s].fare_brand, want.slices[s].fare_brand);
      for (std::size_t k = 0; k < want.slices[s].segments.size(); ++k) {
        EXPECT_EQ(got.slices[s].segments[k].operating_flight_number,
                  want.slices[s].segments[k].operating_flight_number);
      }
    }
  }
}

// A Duffel response shape: how the writer writes it, and what its page information must say.
struct DuffelShape {
  const char* name;
  void (*write)(std::span<const Offer> offers, const SearchRequest& request, std::string& out);
  void (*check_page)(const duffel::PageInfo& page);
};

class DuffelWireRoundTripTest : public testing::TestWithParam<DuffelShape> {};

TEST_P(DuffelWireRoundTripTest, ParsesBackEveryField) {
  const SearchRequest request = Request();
  Arena arena;
  const std::vector<Offer> offers = Generate(request, arena);
  std::string body;
  GetParam().write(offers, request, body);

  const simdjson::padded_string payload(body);
  simdjson::ondemand::parser parser;
  const Enricher enricher(request, refdata::FxRates::Builtin());
  Arena parsed_arena;
  OfferBatch batch(parsed_arena.resource());
  duffel::PageInfo page;
  const Result<void> result =
      duffel::ParseOffers(payload, parser, enricher, parsed_arena, 1, batch, &page);
  ASSERT_TRUE(result.has_value()) << result.error().message;
  EXPECT_EQ(batch.dropped_total(), 0) << batch.first_drop_detail;
  GetParam().check_page(page);
  ExpectDuffelFields(offers, batch);
}

INSTANTIATE_TEST_SUITE_P(
    WireRoundTripTest, DuffelWireRoundTripTest,
    testing::Values(
        DuffelShape{
            "DuffelOfferRequest",
            [](std::span<const Offer> offers, const SearchRequest& request, std::string& out) {
              duffel::WriteOfferRequestResponse(offers, request, out);
            },
            [](const duffel::PageInfo& page) {
              EXPECT_EQ(page.offer_request_id.substr(0, 4), "orq_");
            }},
        DuffelShape{"DuffelOffersListPage",
                    [](std::span<const Offer> offers, const SearchRequest&, std::string& out) {
                      duffel::WriteOffersListPage(offers, "g2wAAAACbQAAAB", 400, out);
                    },
                    [](const duffel::PageInfo& page) { EXPECT_EQ(page.after, "g2wAAAACbQAAAB"); }}),
    [](const testing::TestParamInfo<DuffelShape>& info) { return std::string(info.param.name); });

TEST(WireRoundTripTest, DuffelLastPageHasNoCursor) {
  std::string body;
  duffel::WriteOffersListPage({}, "", 50, body);
  EXPECT_EQ(body, R"({"meta":{"limit":50,"before":null,"after":null},"data":[]})");
}

}  // namespace
}  // namespace fareflow
