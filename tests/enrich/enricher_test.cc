#include "enrich/enricher.h"

#include <gtest/gtest.h>

#include <vector>

#include "enrich/co2_estimate.h"
#include "refdata/airlines.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

Minutes Local(const char* text) { return *ParseLocalDateTime(text); }

Segment MakeSegment(const char* from, const char* to, const char* dep, const char* arr,
                    const char* carrier = "BA", const char* number = "117") {
  Segment s;
  s.origin = LocationCode::Parse(from);
  s.destination = LocationCode::Parse(to);
  s.departure_local = Local(dep);
  s.arrival_local = Local(arr);
  s.marketing_carrier = AirlineCode::Parse(carrier);
  s.marketing_flight_number = number;
  s.cabin = Cabin::kEconomy;
  return s;
}

// Holds the segments and slices an offer's spans point at.
struct OfferFixture {
  std::vector<std::vector<Segment>> segments;
  std::vector<Slice> slices;
  Offer offer;

  void Build(Money total) {
    slices.clear();
    for (auto& s : segments) {
      Slice slice;
      slice.segments = s;
      slices.push_back(slice);
    }
    offer.slices = slices;
    offer.total = total;
  }
};

Money Gbp(int64_t minor) { return Money{minor, CurrencyCode::Parse("GBP")}; }

SearchRequest Request(std::vector<std::pair<const char*, const char*>> route, int adults = 1) {
  SearchRequest r;
  for (auto [from, to] : route) {
    r.slices.push_back({LocationCode::Parse(from), LocationCode::Parse(to), 0});
  }
  r.passengers.adults = adults;
  r.currency = CurrencyCode::Parse("GBP");
  return r;
}

TEST(EnricherTest, ConvertsLocalTimesThroughEachAirportsZone) {
  OfferFixture f;
  // London is UTC+0 and New York UTC-5 in December: 08:20 -> 11:20 local is 8 hours.
  f.segments = {{MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00")}};
  f.Build(Gbp(50000));
  Arena arena;
  Enricher enricher(Request({{"LHR", "JFK"}}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  const Segment& s = f.offer.slices[0].segments[0];
  EXPECT_EQ(s.duration_minutes, 480);
  EXPECT_EQ(s.departure_utc, Local("2026-12-20T08:20:00"));
  EXPECT_EQ(s.arrival_utc, Local("2026-12-20T16:20:00"));
  EXPECT_NEAR(s.distance_km, 5540, 30);
  EXPECT_EQ(f.offer.slices[0].duration_minutes, 480);
  EXPECT_EQ(f.offer.slices[0].stops, 0);
  EXPECT_EQ(f.offer.total_duration_minutes, 480);
  // Summer time: London UTC+1, New York UTC-4; the same local times still take 8 hours.
  f.segments = {{MakeSegment("LHR", "JFK", "2026-07-01T08:20:00", "2026-07-01T11:20:00")}};
  f.Build(Gbp(50000));
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_EQ(f.offer.slices[0].segments[0].departure_utc, Local("2026-07-01T07:20:00"));
  EXPECT_EQ(f.offer.total_duration_minutes, 480);
}

TEST(EnricherTest, ComputesLayoversStopsAndDayOffsets) {
  OfferFixture f;
  // Arrive Gatwick late, leave Heathrow next morning: overnight, change of airport.
  f.segments = {
      {MakeSegment("JFK", "LGW", "2026-12-20T18:00:00", "2026-12-21T06:10:00", "BA", "2272"),
       MakeSegment("LHR", "CDG", "2026-12-21T09:40:00", "2026-12-21T11:55:00", "AF", "1081")}};
  f.Build(Gbp(40000));
  Arena arena;
  Enricher enricher(Request({{"NYC", "PAR"}}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  const Slice& slice = f.offer.slices[0];
  ASSERT_EQ(slice.layovers.size(), 1u);
  EXPECT_EQ(slice.layovers[0].minutes, 210);
  EXPECT_TRUE(slice.layovers[0].change_of_airport);
  EXPECT_FALSE(slice.layovers[0].overnight);  // 06:10 -> 09:40 the same morning
  EXPECT_EQ(slice.stops, 1);
  EXPECT_EQ(slice.arrival_day_offset, 1);
  EXPECT_TRUE(slice.has_airport_change);
  EXPECT_EQ(f.offer.airport_changes, 1);
  // JFK 18:00 (23:00 UTC) to CDG 11:55 the next day (10:55 UTC): 11h55.
  EXPECT_EQ(slice.duration_minutes, 11 * 60 + 55);
}

TEST(EnricherTest, PrecomputesWhatFacetsRead) {
  OfferFixture f;
  // Out: BA to LHR, change to LGW, then BA again and AF; back: U2 (no alliance) in the evening.
  f.segments = {
      {MakeSegment("JFK", "LHR", "2026-12-20T08:00:00", "2026-12-20T20:00:00", "BA", "1"),
       MakeSegment("LGW", "CDG", "2026-12-20T23:00:00", "2026-12-21T01:00:00", "BA", "2"),
       MakeSegment("CDG", "NCE", "2026-12-21T07:00:00", "2026-12-21T08:30:00", "AF", "3")},
      {MakeSegment("NCE", "JFK", "2026-12-28T19:00:00", "2026-12-28T23:00:00", "U2", "4")}};
  f.Build(Gbp(40000));
  Arena arena;
  Enricher enricher(Request({{"NYC", "NCE"}, {"NCE", "NYC"}}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  const Offer& o = f.offer;
  ASSERT_EQ(o.carrier_count, 3);
  EXPECT_EQ(o.carriers[0].str(), "BA");
  EXPECT_EQ(o.carriers[1].str(), "AF");
  EXPECT_EQ(o.carriers[2].str(), "U2");
  ASSERT_EQ(o.connection_count, 3);  // LHR and LGW (the change), then CDG
  EXPECT_EQ(o.connections[0].str(), "LHR");
  EXPECT_EQ(o.connections[1].str(), "LGW");
  EXPECT_EQ(o.connections[2].str(), "CDG");
  const auto bit = [](refdata::Alliance a) { return 1u << static_cast<unsigned>(a); };
  EXPECT_EQ(o.alliance_mask, bit(refdata::Alliance::kOneworld) | bit(refdata::Alliance::kSkyTeam) |
                                 bit(refdata::Alliance::kNone));
  // Morning (1) out, evening (3) back.
  EXPECT_EQ(o.departure_day_parts, 1u | 3u << 2);
}

TEST(EnricherTest, FlagsOvernightLayovers) {
  OfferFixture f;
  f.segments = {
      {MakeSegment("LHR", "DXB", "2026-12-20T14:00:00", "2026-12-21T00:30:00", "EK", "2"),
       MakeSegment("DXB", "SYD", "2026-12-21T02:15:00", "2026-12-21T22:00:00", "EK", "414")}};
  f.Build(Gbp(90000));
  Arena arena;
  Enricher enricher(Request({}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_FALSE(f.offer.slices[0].layovers[0].overnight);
  f.segments[0][0].arrival_local = Local("2026-12-20T23:30:00");
  f.Build(Gbp(90000));
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_TRUE(f.offer.slices[0].layovers[0].overnight);
  EXPECT_EQ(f.offer.slices[0].layovers[0].minutes, 165);
}

TEST(EnricherTest, DropsArrivalsBeforeDepartureAndOffRouteOffers) {
  OfferFixture f;
  f.segments = {{MakeSegment("LHR", "JFK", "2026-12-20T12:00:00", "2026-12-20T06:00:00")}};
  f.Build(Gbp(1000));
  Arena arena;
  Enricher checked(Request({{"LON", "NYC"}}), refdata::FxRates::Builtin());
  EXPECT_EQ(checked.Enrich(f.offer, arena), DropReason::kInconsistent);

  f.segments = {{MakeSegment("LHR", "BOS", "2026-12-20T12:00:00", "2026-12-20T15:00:00")}};
  f.Build(Gbp(1000));
  EXPECT_EQ(checked.Enrich(f.offer, arena), DropReason::kRouteMismatch);
  // City codes expand: LGW is in LON, EWR in NYC.
  f.segments = {{MakeSegment("LGW", "EWR", "2026-12-20T12:00:00", "2026-12-20T15:00:00")}};
  f.Build(Gbp(1000));
  EXPECT_EQ(checked.Enrich(f.offer, arena), std::nullopt);
  // A one-way offer does not answer a round-trip request.
  Enricher round_trip(Request({{"LON", "NYC"}, {"NYC", "LON"}}), refdata::FxRates::Builtin());
  EXPECT_EQ(round_trip.Enrich(f.offer, arena), DropReason::kRouteMismatch);
}

TEST(EnricherTest, PricesInTheRequestedCurrencyAndPerAdult) {
  OfferFixture f;
  f.segments = {{MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00")}};
  f.Build(Money{100000, CurrencyCode::Parse("EUR")});
  Arena arena;
  SearchRequest r = Request({{"LHR", "JFK"}}, 2);
  Enricher enricher(r, refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  auto expected = refdata::FxRates::Builtin().Convert(f.offer.total, CurrencyCode::Parse("GBP"));
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(f.offer.total_requested, *expected);
  EXPECT_EQ(f.offer.per_adult_requested.minor, DivideRounded(expected->minor, 2));

  // A per-passenger breakdown wins over the even split.
  PassengerPrice prices[] = {{PassengerType::kAdult, 2, Money{60000, CurrencyCode::Parse("GBP")}}};
  f.offer.passenger_prices = prices;
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_EQ(f.offer.per_adult_requested.minor, 60000);

  // A currency without a rate drops the offer rather than guessing.
  f.offer.total = Money{100, CurrencyCode::Parse("XXX")};
  EXPECT_EQ(enricher.Enrich(f.offer, arena), DropReason::kBadValue);
}

TEST(EnricherTest, UsesTheSuppliersCo2ElseTheEstimate) {
  OfferFixture f;
  f.segments = {{MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00")}};
  f.Build(Gbp(50000));
  Arena arena;
  Enricher enricher(Request({}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  const int32_t distance = f.offer.slices[0].segments[0].distance_km;
  EXPECT_TRUE(f.offer.co2_estimated);
  EXPECT_EQ(f.offer.co2_grams, EstimateSegmentCo2Grams(distance, Cabin::kEconomy));
  // 5,540 km * 1.08 * 95 g: about 568 kg.
  EXPECT_NEAR(f.offer.co2_grams / 1000, 568, 5);
  f.offer.supplier_co2_grams = 321000;
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_FALSE(f.offer.co2_estimated);
  EXPECT_EQ(f.offer.co2_grams, 321000);
  EXPECT_GT(EstimateSegmentCo2Grams(distance, Cabin::kBusiness),
            2 * EstimateSegmentCo2Grams(distance, Cabin::kEconomy));
}

TEST(EnricherTest, DedupeKeyIgnoresSupplierNoiseButNotFlightsOrBrand) {
  Arena arena;
  Enricher enricher(Request({}), refdata::FxRates::Builtin());
  auto key_of = [&](const char* number, const char* brand, const char* id, int64_t price) {
    OfferFixture f;
    f.segments = {
        {MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00", "BA", number)}};
    f.Build(Gbp(price));
    f.offer.supplier_offer_id = id;
    f.offer.fare_brand = brand;
    EXPECT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
    return f.offer.dedupe_key;
  };
  EXPECT_EQ(key_of("117", "LIGHT", "1", 50000), key_of("0117", "light", "off_9", 61000));
  EXPECT_NE(key_of("117", "LIGHT", "1", 50000), key_of("175", "LIGHT", "1", 50000));
  EXPECT_NE(key_of("117", "LIGHT", "1", 50000), key_of("117", "FLEX", "1", 50000));
}

TEST(EnricherTest, FillsOperatingCarrierAndCodeshare) {
  OfferFixture f;
  f.segments = {
      {MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00", "AA", "6135")}};
  f.segments[0][0].operating_carrier = AirlineCode::Parse("BA");
  f.segments.push_back({MakeSegment("JFK", "LHR", "2026-12-27T18:00:00", "2026-12-28T06:05:00")});
  f.Build(Gbp(50000));
  Arena arena;
  Enricher enricher(Request({}), refdata::FxRates::Builtin());
  ASSERT_EQ(enricher.Enrich(f.offer, arena), std::nullopt);
  EXPECT_TRUE(f.offer.slices[0].segments[0].codeshare);
  EXPECT_FALSE(f.offer.slices[1].segments[0].codeshare);
  EXPECT_EQ(f.offer.slices[1].segments[0].operating_carrier, AirlineCode::Parse("BA"));
  EXPECT_EQ(f.offer.slices[1].arrival_day_offset, 1);
}

}  // namespace
}  // namespace fareflow

namespace fareflow {
namespace {

int CountFor(const ZoneDisagreements& d, const char* airport) {
  for (const ZoneDisagreements::Count& c : d.counts) {
    if (c.airport == LocationCode::Parse(airport)) return c.count;
  }
  return 0;
}

TEST(EnricherTest, StatedDurationWinsOverOurZonesAndIsCounted) {
  // Sydney and Melbourne keep the same time, so by our zones 10:00 -> 09:50 lands before it
  // leaves; the supplier says 50 minutes (it puts Melbourne an hour behind). Kept, as stated.
  OfferFixture f;
  Segment s = MakeSegment("SYD", "MEL", "2026-01-10T10:00:00", "2026-01-10T09:50:00");
  s.supplier_duration_minutes = 50;
  f.segments = {{s}};
  f.Build(Gbp(10000));
  Arena arena;
  Enricher enricher(Request({{"SYD", "MEL"}}), refdata::FxRates::Builtin());
  ZoneDisagreements disagreements;
  ASSERT_EQ(enricher.Enrich(f.offer, arena, &disagreements), std::nullopt);
  const Segment& out = f.offer.slices[0].segments[0];
  EXPECT_EQ(out.duration_minutes, 50);
  EXPECT_EQ(out.departure_utc, Local("2026-01-09T23:00:00"));  // Sydney is UTC+11 in January
  EXPECT_EQ(out.arrival_utc, Local("2026-01-09T23:50:00"));
  EXPECT_EQ(f.offer.total_duration_minutes, 50);
  EXPECT_EQ(CountFor(disagreements, "SYD"), 1);
  EXPECT_EQ(CountFor(disagreements, "MEL"), 1);
  EXPECT_EQ(disagreements.total(), 2);

  // An hour off the other way: our zones make LHR-JFK 8 hours, the supplier 7.
  s = MakeSegment("LHR", "JFK", "2026-12-20T08:20:00", "2026-12-20T11:20:00");
  s.supplier_duration_minutes = 420;
  f.segments = {{s}};
  f.Build(Gbp(10000));
  Enricher transatlantic(Request({{"LHR", "JFK"}}), refdata::FxRates::Builtin());
  ASSERT_EQ(transatlantic.Enrich(f.offer, arena, &disagreements), std::nullopt);
  EXPECT_EQ(f.offer.slices[0].segments[0].duration_minutes, 420);
  EXPECT_EQ(CountFor(disagreements, "JFK"), 1);

  // Agreement is not counted.
  s.supplier_duration_minutes = 480;
  f.segments = {{s}};
  f.Build(Gbp(10000));
  ZoneDisagreements none;
  ASSERT_EQ(transatlantic.Enrich(f.offer, arena, &none), std::nullopt);
  EXPECT_EQ(f.offer.slices[0].segments[0].duration_minutes, 480);
  EXPECT_TRUE(none.counts.empty());
}

TEST(EnricherTest, ImpossibleWhicheverSourceIsRightIsDropped) {
  Arena arena;
  Enricher enricher(Request({{"SYD", "MEL"}}), refdata::FxRates::Builtin());
  struct Case {
    const char* arrival;
    int32_t stated;
  };
  for (const Case& c : {
           // Two days before departure: no pair of zones is 48 hours apart.
           Case{"2026-01-08T10:00:00", 50},
           // Before departure by our zones, and no usable stated duration.
           Case{"2026-01-10T09:50:00", -1},
           Case{"2026-01-10T09:50:00", 31 * 60},  // longer than any flight
       }) {
    OfferFixture f;
    Segment s = MakeSegment("SYD", "MEL", "2026-01-10T10:00:00", c.arrival);
    s.supplier_duration_minutes = c.stated;
    f.segments = {{s}};
    f.Build(Gbp(10000));
    ZoneDisagreements disagreements;
    EXPECT_EQ(enricher.Enrich(f.offer, arena, &disagreements), DropReason::kInconsistent)
        << c.arrival << ' ' << c.stated;
    EXPECT_TRUE(disagreements.counts.empty());
  }
}

TEST(EnricherTest, ConnectionAtADisputedAirportFollowsItsWallClock) {
  // By our zones Melbourne keeps Sydney's time; the supplier's durations put it an hour behind.
  // Arriving 09:50 and leaving 10:30 local is a 40 minute connection, not a negative one.
  OfferFixture f;
  Segment in = MakeSegment("SYD", "MEL", "2026-01-10T10:00:00", "2026-01-10T09:50:00");
  in.supplier_duration_minutes = 50;
  Segment out = MakeSegment("MEL", "PER", "2026-01-10T10:30:00", "2026-01-10T12:00:00");
  out.supplier_duration_minutes = 210;
  f.segments = {{in, out}};
  f.Build(Gbp(10000));
  Arena arena;
  Enricher enricher(Request({{"SYD", "PER"}}), refdata::FxRates::Builtin());
  ZoneDisagreements disagreements;
  ASSERT_EQ(enricher.Enrich(f.offer, arena, &disagreements), std::nullopt);
  const Slice& slice = f.offer.slices[0];
  ASSERT_EQ(slice.layovers.size(), 1u);
  EXPECT_EQ(slice.layovers[0].minutes, 40);
  EXPECT_EQ(slice.segments[1].duration_minutes, 210);
  EXPECT_EQ(slice.duration_minutes, 50 + 40 + 210);
  EXPECT_EQ(CountFor(disagreements, "MEL"), 2);
  EXPECT_EQ(CountFor(disagreements, "PER"), 1);
}

}  // namespace
}  // namespace fareflow
