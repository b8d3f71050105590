// A Duffel payload whose stated segment durations disagree with our time zones: the offer is
// kept with the supplier's duration and the disagreement counted per airport; only offers that
// are impossible whichever source is right are dropped.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "enrich/enricher.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/duffel/offers_parser.h"
#include "support/payload_fixture.h"

namespace fareflow::duffel {
namespace {

// SYD-MEL: by our zones Melbourne keeps Sydney's time (UTC+11 in January).
std::string OfferJson(std::string_view id, std::string_view arriving_at,
                      std::string_view duration) {
  return R"({"id":")" + std::string(id) + R"(","total_amount":"100.00","total_currency":"AUD",
    "slices":[{"segments":[{
      "origin":{"iata_code":"SYD","time_zone":"Australia/Sydney"},
      "destination":{"iata_code":"MEL","time_zone":"Australia/Melbourne"},
      "departing_at":"2026-01-10T10:00:00","arriving_at":")" +
         std::string(arriving_at) + R"(","duration":")" + std::string(duration) + R"(",
      "marketing_carrier":{"iata_code":"QF"},"marketing_carrier_flight_number":"401"}]}]})";
}

int CountFor(const ZoneDisagreements& d, std::string_view airport) {
  for (const ZoneDisagreements::Count& c : d.counts) {
    if (c.airport == LocationCode::Parse(airport)) return c.count;
  }
  return 0;
}

class DuffelZoneDisagreementsTest : public testing_support::PayloadFixture {
 protected:
  DuffelZoneDisagreementsTest() : PayloadFixture("AUD") {}

  void Parse(const std::string& offers) {
    const simdjson::padded_string& payload = NewPayload(R"({"data":{"offers":[)" + offers + "]}}");
    ASSERT_TRUE(ParseOffers(payload, parser_, enricher_, arena_, 0, *batch_, nullptr));
  }
};

TEST_F(DuffelZoneDisagreementsTest, DisagreementByAnHourKeepsTheOfferWithTheStatedDuration) {
  // 10:00 -> 09:50 is 50 minutes if Melbourne is an hour behind, as the supplier says.
  Parse(OfferJson("off_1", "2026-01-10T09:50:00", "PT50M") + "," +
        OfferJson("off_2", "2026-01-10T11:35:00", "PT1H35M"));
  ASSERT_EQ(batch_->offers.size(), 2u) << batch_->first_drop_detail;
  EXPECT_EQ(batch_->dropped_total(), 0);
  EXPECT_EQ(batch_->offers[0].slices[0].segments[0].duration_minutes, 50);
  EXPECT_EQ(batch_->offers[0].total_duration_minutes, 50);
  EXPECT_EQ(batch_->offers[1].total_duration_minutes, 95);  // agrees: not counted
  EXPECT_EQ(CountFor(batch_->zone_disagreements, "SYD"), 1);
  EXPECT_EQ(CountFor(batch_->zone_disagreements, "MEL"), 1);
  EXPECT_EQ(batch_->zone_disagreements.total(), 2);
}

TEST_F(DuffelZoneDisagreementsTest, ImpossibleOfferIsDroppedAndCountedAsBefore) {
  // Two days before it leaves: no pair of zones makes that a 50 minute flight.
  Parse(OfferJson("off_1", "2026-01-08T10:00:00", "PT50M"));
  EXPECT_TRUE(batch_->offers.empty());
  EXPECT_EQ(batch_->received, 1);
  EXPECT_EQ(batch_->dropped[static_cast<std::size_t>(DropReason::kInconsistent)], 1);
  EXPECT_TRUE(batch_->zone_disagreements.counts.empty());
}

}  // namespace
}  // namespace fareflow::duffel
