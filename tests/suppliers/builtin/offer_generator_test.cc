#include "suppliers/builtin/offer_generator.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/arena.h"
#include "core/json_writer.h"
#include "enrich/enricher.h"
#include "refdata/airports.h"
#include "refdata/fx_rates.h"
#include "refdata/time_zones.h"
#include "suppliers/amadeus/response_writer.h"

namespace fareflow::builtin {
namespace {

SearchRequest RoundTrip(std::string_view from, std::string_view to) {
  SearchRequest r;
  r.slices = {{LocationCode::Parse(from), LocationCode::Parse(to), DaysFromCivil(2026, 12, 20)},
              {LocationCode::Parse(to), LocationCode::Parse(from), DaysFromCivil(2026, 12, 27)}};
  r.passengers.adults = 2;
  r.passengers.child_ages = {8};
  r.passengers.infants = 1;
  return r;
}

// Every supplier field of the offers, as JSON text: two generations are identical when their
// dumps are.
std::string Dump(const std::vector<Offer>& offers) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  for (const Offer& o : offers) {
    w.BeginArray();
    w.Int(o.total.minor);
    w.Int(o.base.minor);
    w.String(o.fare_brand);
    w.Int(o.bags.checked_pieces);
    w.Int(o.bags.cabin_pieces);
    w.Int(o.supplier_co2_grams);
    w.Int(o.seats_available);
    w.Int(static_cast<int>(o.conditions.refundable));
    w.Int(o.conditions.change_penalty.minor);
    for (const PassengerPrice& p : o.passenger_prices) w.Int(p.total_each.minor);
    for (const Slice& s : o.slices) {
      for (const Segment& g : s.segments) {
        w.String(g.origin.str() + g.destination.str() + g.marketing_carrier.str());
        w.String(g.marketing_flight_number);
        w.Int(g.departure_local);
        w.Int(g.arrival_local);
        w.String(g.aircraft_code);
        w.String(g.booking_class);
        w.String(g.fare_basis);
        w.String(g.origin_terminal);
      }
    }
    w.EndArray();
  }
  w.EndArray();
  w.Finish();
  return out;
}

Minutes Utc(LocationCode airport, Minutes local) {
  const refdata::Airport* a = refdata::FindAirport(airport);
  EXPECT_NE(a, nullptr) << airport.str();
  return a == nullptr ? local : refdata::LocalToUtc(a->time_zone, local);
}

bool Contains(std::span<const LocationCode> codes, LocationCode c) {
  for (LocationCode x : codes) {
    if (x == c) return true;
  }
  return false;
}

TEST(OfferGeneratorTest, SameRequestGivesByteIdenticalOffers) {
  const SearchRequest request = RoundTrip("LHR", "JFK");
  GeneratorOptions options;
  options.offer_count = 500;
  Arena a1, a2;
  const std::vector<Offer> first = GenerateOffers(request, options, a1);
  const std::vector<Offer> second = GenerateOffers(request, options, a2);
  ASSERT_EQ(first.size(), 500u);
  EXPECT_EQ(Dump(first), Dump(second));
  std::string wire1, wire2;
  amadeus::WriteFlightOffersResponse(first, request, wire1);
  amadeus::WriteFlightOffersResponse(second, request, wire2);
  EXPECT_EQ(wire1, wire2);

  options.seed = 12345;
  Arena a3;
  EXPECT_NE(Dump(GenerateOffers(request, options, a3)), Dump(first));
}

TEST(OfferGeneratorTest, ReachesTheRequestedCount) {
  for (int count : {1, 7, 1250, 5000}) {
    Arena arena;
    GeneratorOptions options;
    options.offer_count = count;
    EXPECT_EQ(GenerateOffers(RoundTrip("LHR", "JFK"), options, arena).size(),
              static_cast<std::size_t>(count));
  }
  SearchRequest one_way = RoundTrip("CDG", "FRA");
  one_way.slices.pop_back();
  Arena arena;
  GeneratorOptions options;
  options.offer_count = 300;
  EXPECT_EQ(GenerateOffers(one_way, options, arena).size(), 300u);
}

TEST(OfferGeneratorTest, ConnectionsRespectMinimumConnectionTimes) {
  for (const char* route : {"LHRJFK", "LONNYC", "SYDLHR", "CDGSIN"}) {
    const std::string r(route);
    Arena arena;
    GeneratorOptions options;
    options.offer_count = 1000;
    const std::vector<Offer> offers =
        GenerateOffers(RoundTrip(r.substr(0, 3), r.substr(3)), options, arena);
    ASSERT_FALSE(offers.empty()) << route;
    for (const Offer& o : offers) {
      for (const Slice& s : o.slices) {
        ASSERT_FALSE(s.segments.empty());
        for (std::size_t i = 0; i < s.segments.size(); ++i) {
          const Segment& g = s.segments[i];
          const Minutes dep = Utc(g.origin, g.departure_local);
          const Minutes arr = Utc(g.destination, g.arrival_local);
          EXPECT_GT(arr, dep) << route << " " << g.marketing_carrier.str()
                              << g.marketing_flight_number;
          if (i == 0) continue;
          const Segment& prev = s.segments[i - 1];
          EXPECT_EQ(prev.destination, g.origin);
          const Minutes wait = dep - Utc(prev.destination, prev.arrival_local);
          EXPECT_GE(wait, 45) << route;
          EXPECT_LE(wait, 12 * 60) << route;
          const refdata::Airport* a = refdata::FindAirport(prev.origin);
          const refdata::Airport* b = refdata::FindAirport(g.origin);
          const refdata::Airport* c = refdata::FindAirport(g.destination);
          if (a->country != b->country || c->country != b->country) {
            EXPECT_GE(wait, 60) << route;
          }
        }
      }
    }
  }
}

TEST(OfferGeneratorTest, PricesArePositiveAndChildrenPayLess) {
  Arena arena;
  GeneratorOptions options;
  options.offer_count = 600;
  options.currency = CurrencyCode::Parse("JPY");
  for (const Offer& o : GenerateOffers(RoundTrip("LHR", "JFK"), options, arena)) {
    EXPECT_EQ(o.total.currency, CurrencyCode::Parse("JPY"));
    EXPECT_GT(o.total.minor, 0);
    EXPECT_GT(o.base.minor, 0);
    EXPECT_LT(o.base.minor, o.total.minor);
    ASSERT_EQ(o.passenger_prices.size(), 3u);
    int64_t sum = 0;
    for (const PassengerPrice& p : o.passenger_prices) {
      EXPECT_GT(p.total_each.minor, 0);
      sum += p.total_each.minor * p.count;
    }
    EXPECT_EQ(sum, o.total.minor);
    EXPECT_EQ(o.passenger_prices[0].type, PassengerType::kAdult);
    EXPECT_EQ(o.passenger_prices[0].count, 2);
    EXPECT_EQ(o.passenger_prices[1].type, PassengerType::kChild);
    EXPECT_EQ(o.passenger_prices[2].type, PassengerType::kInfant);
    EXPECT_LT(o.passenger_prices[1].total_each.minor, o.passenger_prices[0].total_each.minor);
    EXPECT_LT(o.passenger_prices[2].total_each.minor, o.passenger_prices[1].total_each.minor);
  }
}

TEST(OfferGeneratorTest, RoundTripSlicesMatchTheRequest) {
  const SearchRequest request = RoundTrip("LON", "NYC");
  Arena arena;
  GeneratorOptions options;
  options.offer_count = 800;
  const std::vector<Offer> offers = GenerateOffers(request, options, arena);
  ASSERT_EQ(offers.size(), 800u);
  std::vector<LocationCode> origins;
  for (const Offer& o : offers) {
    ASSERT_EQ(o.slices.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
      const Slice& s = o.slices[i];
      EXPECT_TRUE(
          Contains(refdata::ExpandLocation(request.slices[i].origin), s.segments.front().origin));
      EXPECT_TRUE(Contains(refdata::ExpandLocation(request.slices[i].destination),
                           s.segments.back().destination));
      EXPECT_EQ(DayOf(s.segments.front().departure_local), request.slices[i].departure_date);
    }
    origins.push_back(o.slices[0].segments.front().origin);
  }
  std::sort(origins.begin(), origins.end());
  origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
  EXPECT_GE(origins.size(), 2u) << "a metro city should yield several airports";
}

TEST(OfferGeneratorTest, MultiCityHasEverySlice) {
  SearchRequest request;
  request.slices = {
      {LocationCode::Parse("LHR"), LocationCode::Parse("JFK"), DaysFromCivil(2026, 12, 20)},
      {LocationCode::Parse("JFK"), LocationCode::Parse("LAX"), DaysFromCivil(2026, 12, 23)},
      {LocationCode::Parse("LAX"), LocationCode::Parse("LHR"), DaysFromCivil(2026, 12, 30)}};
  Arena arena;
  GeneratorOptions options;
  options.offer_count = 400;
  const std::vector<Offer> offers = GenerateOffers(request, options, arena);
  ASSERT_EQ(offers.size(), 400u);
  for (const Offer& o : offers) {
    ASSERT_EQ(o.slices.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
      EXPECT_EQ(o.slices[i].segments.front().origin, request.slices[i].origin);
      EXPECT_EQ(o.slices[i].segments.back().destination, request.slices[i].destination);
    }
  }
}

TEST(OfferGeneratorTest, EnricherAcceptsEveryOffer) {
  const SearchRequest request = RoundTrip("FRA", "SIN");
  const Enricher enricher(request, refdata::FxRates::Builtin());
  Arena arena;
  GeneratorOptions options;
  options.offer_count = 900;
  std::vector<Offer> offers = GenerateOffers(request, options, arena);
  ASSERT_EQ(offers.size(), 900u);
  int with_co2 = 0;
  for (Offer& o : offers) {
    const std::optional<DropReason> drop = enricher.Enrich(o, arena);
    EXPECT_FALSE(drop.has_value()) << DropReasonName(*drop);
    with_co2 += o.supplier_co2_grams >= 0;
  }
  EXPECT_GT(with_co2, 0);
  EXPECT_LT(with_co2, 900);
}

TEST(OfferGeneratorTest, FlightTimesFitTheDistanceFlown) {
  // Jets cruise at roughly 800-950 km/h and spend extra time climbing, descending and taxiing:
  // a flight's real elapsed time (through both airports' zones) must fit its great-circle
  // distance, from a short hop to the longest nonstops.
  for (const SearchRequest& request : {RoundTrip("FRA", "SIN"), RoundTrip("LHR", "JFK"),
                                       RoundTrip("SYD", "LHR"), RoundTrip("CDG", "FCO")}) {
    const Enricher enricher(request, refdata::FxRates::Builtin());
    Arena arena;
    GeneratorOptions options;
    options.offer_count = 300;
    std::vector<Offer> offers = GenerateOffers(request, options, arena);
    ASSERT_FALSE(offers.empty());
    for (Offer& o : offers) {
      ASSERT_FALSE(enricher.Enrich(o, arena).has_value());
      for (const Slice& slice : o.slices) {
        for (const Segment& s : slice.segments) {
          ASSERT_GT(s.distance_km, 0);
          EXPECT_GE(s.duration_minutes, s.distance_km * 60 / 1000)
              << s.origin.str() << "-" << s.destination.str();
          EXPECT_LE(s.duration_minutes, s.distance_km * 60 / 600 + 90)
              << s.origin.str() << "-" << s.destination.str();
          EXPECT_GT(s.arrival_utc, s.departure_utc);
        }
      }
    }
  }
}

TEST(OfferGeneratorTest, UnknownOrEmptyRouteGivesNoOffers) {
  Arena arena;
  EXPECT_TRUE(GenerateOffers(RoundTrip("QQQ", "JFK"), GeneratorOptions{}, arena).empty());
  EXPECT_TRUE(GenerateOffers(SearchRequest{}, GeneratorOptions{}, arena).empty());
}

}  // namespace
}  // namespace fareflow::builtin
