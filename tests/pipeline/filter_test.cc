#include "pipeline/filter.h"

#include <vector>

#include <gtest/gtest.h>

#include "pipeline/offer_builder.h"

namespace fareflow {
namespace {

using testing::At;
using testing::OfferBuilder;
using testing::Pointers;
using testing::Seg;

AirlineCode Air(std::string_view s) { return AirlineCode::Parse(s); }
LocationCode Loc(std::string_view s) { return LocationCode::Parse(s); }

// True when the single offer `o` passes `f`.
bool Passes(const Offer& o, const Filters& f, std::optional<int> max_connections = {}) {
  Offer copy = o;
  std::vector<Offer*> offers = {&copy};
  const Selection s = ApplyFilters(offers, f, max_connections);
  const bool compiled = CompiledFilter(f, max_connections).Matches(o);
  EXPECT_EQ(compiled, s.size() == 1u);
  return s.size() == 1u;
}

class FilterTest : public ::testing::Test {
 protected:
  // Nonstop LHR-JFK on BA, departing 08:00, 8h.
  Offer Nonstop() {
    return OfferBuilder(arena_)
        .Price(50000)
        .Slice({{"LHR", "JFK", "BA", At(1, 8), At(1, 16)}})
        .Build();
  }
  // One stop via FRA on LH (the second leg operated by UA), 1h30 layover, departing 06:00.
  Offer OneStop() {
    return OfferBuilder(arena_)
        .Price(40000)
        .Slice({{"LHR", "FRA", "LH", At(1, 6), At(1, 8, 30)},
                {"FRA", "JFK", "LH", At(1, 10), At(1, 18), "UA"}})
        .Build();
  }
  // Round trip, two stops out (via CDG then AMS on AF/KL), nonstop back on U2.
  Offer RoundTrip() {
    return OfferBuilder(arena_)
        .Price(70000)
        .Slice({{"LHR", "CDG", "AF", At(1, 22), At(1, 23)},
                {"CDG", "AMS", "AF", At(2, 1), At(2, 2)},
                {"AMS", "JFK", "KL", At(2, 5), At(2, 13)}})
        .Slice({{"JFK", "LGW", "U2", At(9, 23, 30), At(10, 7)}})
        .Build();
  }

  Arena arena_;
};

TEST_F(FilterTest, EmptyFilterMatchesEverything) {
  std::vector<Offer> offers = {Nonstop(), OneStop(), RoundTrip()};
  std::vector<Offer*> ptrs = Pointers(offers);
  EXPECT_EQ(ApplyFilters(ptrs, Filters{}, std::nullopt), (Selection{0, 1, 2}));
}

TEST_F(FilterTest, SelectsIndicesInOrder) {
  std::vector<Offer> offers = {Nonstop(), OneStop(), Nonstop(), RoundTrip()};
  std::vector<Offer*> ptrs = Pointers(offers);
  Filters f;
  f.max_stops = 0;
  EXPECT_EQ(ApplyFilters(ptrs, f, std::nullopt), (Selection{0, 2}));
}

TEST_F(FilterTest, MaxStopsAppliesToEverySlice) {
  Filters f;
  f.max_stops = 1;
  EXPECT_TRUE(Passes(Nonstop(), f));
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_FALSE(Passes(RoundTrip(), f));  // 2 stops outbound
  f.max_stops = 2;
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.max_stops = 0;
  EXPECT_FALSE(Passes(OneStop(), f));
}

TEST_F(FilterTest, TechnicalStopsCountAsStops) {
  Offer tech =
      OfferBuilder(arena_).Slice({{"LHR", "JFK", "BA", At(1, 8), At(1, 18), {}, 1}}).Build();
  Filters f;
  f.max_stops = 0;
  EXPECT_FALSE(Passes(tech, f));
  f.max_stops = 1;
  EXPECT_TRUE(Passes(tech, f));
}

TEST_F(FilterTest, SliceMaxStopsOverridesMaxStops) {
  Filters f;
  f.max_stops = 0;
  f.slice_max_stops = {2, std::nullopt};
  EXPECT_TRUE(Passes(RoundTrip(), f));  // outbound allowed 2, inbound nonstop
  f.slice_max_stops = {1, std::nullopt};
  EXPECT_FALSE(Passes(RoundTrip(), f));
  // Inbound falls back to max_stops.
  f.max_stops = std::nullopt;
  f.slice_max_stops = {std::nullopt, 0};
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.slice_max_stops = {0};
  EXPECT_FALSE(Passes(RoundTrip(), f));
  // A loosened slice limit wins over a stricter overall one.
  f.max_stops = 0;
  f.slice_max_stops = {1};
  EXPECT_TRUE(Passes(OneStop(), f));
}

TEST_F(FilterTest, MaxConnectionsCountsConnectionsOnly) {
  Offer tech =
      OfferBuilder(arena_).Slice({{"LHR", "JFK", "BA", At(1, 8), At(1, 18), {}, 1}}).Build();
  EXPECT_TRUE(Passes(tech, Filters{}, 0));
  EXPECT_FALSE(Passes(OneStop(), Filters{}, 0));
  EXPECT_TRUE(Passes(OneStop(), Filters{}, 1));
  EXPECT_FALSE(Passes(RoundTrip(), Filters{}, 1));
  EXPECT_TRUE(Passes(RoundTrip(), Filters{}, 2));
}

TEST_F(FilterTest, IncludeAirlinesNeedsEveryMarketingCarrier) {
  Filters f;
  f.include_airlines = {Air("LH")};
  EXPECT_TRUE(Passes(OneStop(), f));  // operated by UA, marketed by LH
  EXPECT_FALSE(Passes(Nonstop(), f));
  f.include_airlines = {Air("AF")};
  EXPECT_FALSE(Passes(RoundTrip(), f));  // KL and U2 too
  f.include_airlines = {Air("AF"), Air("KL"), Air("U2")};
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.include_airlines = {Air("UA")};
  EXPECT_FALSE(Passes(OneStop(), f));  // operating carriers do not count
}

TEST_F(FilterTest, ExcludeAirlinesChecksMarketingAndOperating) {
  Filters f;
  f.exclude_airlines = {Air("UA")};
  EXPECT_FALSE(Passes(OneStop(), f));  // UA operates the second leg
  EXPECT_TRUE(Passes(Nonstop(), f));
  f.exclude_airlines = {Air("LH")};
  EXPECT_FALSE(Passes(OneStop(), f));
  f.exclude_airlines = {Air("U2")};
  EXPECT_FALSE(Passes(RoundTrip(), f));  // inbound slice
  EXPECT_TRUE(Passes(OneStop(), f));
}

TEST_F(FilterTest, IncludeAlliancesNeedsEveryMarketingCarrier) {
  Filters f;
  f.include_alliances = {refdata::Alliance::kStarAlliance};
  EXPECT_TRUE(Passes(OneStop(), f));   // LH
  EXPECT_FALSE(Passes(Nonstop(), f));  // BA is oneworld
  f.include_alliances = {refdata::Alliance::kOneworld, refdata::Alliance::kStarAlliance};
  EXPECT_TRUE(Passes(Nonstop(), f));
  f.include_alliances = {refdata::Alliance::kSkyTeam};
  EXPECT_FALSE(Passes(RoundTrip(), f));  // U2 is in none
  f.include_alliances = {refdata::Alliance::kSkyTeam, refdata::Alliance::kNone};
  EXPECT_TRUE(Passes(RoundTrip(), f));
}

TEST_F(FilterTest, UnknownAirlineCountsAsNoAlliance) {
  Offer unknown = OfferBuilder(arena_)
                      .Slice({{"LHR", "JFK", "X0", At(1, 8), At(1, 16)}})  // not an airline
                      .Build();
  Filters f;
  f.include_alliances = {refdata::Alliance::kNone};
  EXPECT_TRUE(Passes(unknown, f));
  f.include_alliances = {refdata::Alliance::kStarAlliance};
  EXPECT_FALSE(Passes(unknown, f));
  f.include_alliances.clear();
  f.exclude_alliances = {refdata::Alliance::kNone};
  EXPECT_FALSE(Passes(unknown, f));
}

TEST_F(FilterTest, ExcludeAlliancesRejectsAnyMarketingCarrierInThem) {
  Filters f;
  f.exclude_alliances = {refdata::Alliance::kSkyTeam};
  EXPECT_FALSE(Passes(RoundTrip(), f));
  EXPECT_TRUE(Passes(Nonstop(), f));
  EXPECT_TRUE(Passes(OneStop(), f));
  f.exclude_alliances = {refdata::Alliance::kOneworld};
  EXPECT_FALSE(Passes(Nonstop(), f));
}

TEST_F(FilterTest, AirlineAndAllianceListsCombine) {
  Filters f;
  f.include_airlines = {Air("LH"), Air("BA")};
  f.exclude_alliances = {refdata::Alliance::kOneworld};
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_FALSE(Passes(Nonstop(), f));
}

TEST_F(FilterTest, DepartureWindowPerSliceIsInclusive) {
  Filters f;
  f.departure_windows = {TimeWindow{8 * 60, 9 * 60}};
  EXPECT_TRUE(Passes(Nonstop(), f));   // 08:00 is the lower end
  EXPECT_FALSE(Passes(OneStop(), f));  // 06:00
  f.departure_windows = {TimeWindow{5 * 60, 8 * 60}};
  EXPECT_TRUE(Passes(Nonstop(), f));  // 08:00 is the upper end
  EXPECT_TRUE(Passes(OneStop(), f));
  f.departure_windows = {TimeWindow{8 * 60 + 1, 12 * 60}};
  EXPECT_FALSE(Passes(Nonstop(), f));
}

TEST_F(FilterTest, DepartureWindowOnSecondSliceOnly) {
  Filters f;
  f.departure_windows = {std::nullopt, TimeWindow{23 * 60, 23 * 60 + 30}};
  EXPECT_TRUE(Passes(RoundTrip(), f));
  EXPECT_TRUE(Passes(Nonstop(), f));  // one slice: the second window does not apply
  f.departure_windows = {std::nullopt, TimeWindow{12 * 60, 18 * 60}};
  EXPECT_FALSE(Passes(RoundTrip(), f));
}

TEST_F(FilterTest, WindowsWrapPastMidnight) {
  Filters f;
  f.departure_windows = {TimeWindow{21 * 60, 1 * 60}};  // 21:00 to 01:00
  EXPECT_TRUE(Passes(RoundTrip(), f));                  // 22:00
  EXPECT_FALSE(Passes(Nonstop(), f));                   // 08:00
  Offer early = OfferBuilder(arena_).Slice({{"LHR", "JFK", "BA", At(1, 0, 45), At(1, 9)}}).Build();
  EXPECT_TRUE(Passes(early, f));  // 00:45
  Offer one = OfferBuilder(arena_).Slice({{"LHR", "JFK", "BA", At(1, 1), At(1, 9)}}).Build();
  EXPECT_TRUE(Passes(one, f));  // 01:00, the inclusive end
  Offer late = OfferBuilder(arena_).Slice({{"LHR", "JFK", "BA", At(1, 1, 1), At(1, 9)}}).Build();
  EXPECT_FALSE(Passes(late, f));
}

TEST_F(FilterTest, ArrivalWindowUsesLocalArrival) {
  Filters f;
  f.arrival_windows = {TimeWindow{15 * 60, 17 * 60}};
  EXPECT_TRUE(Passes(Nonstop(), f));   // 16:00
  EXPECT_FALSE(Passes(OneStop(), f));  // 18:00
  f.arrival_windows = {std::nullopt, TimeWindow{22 * 60, 8 * 60}};
  EXPECT_TRUE(Passes(RoundTrip(), f));  // back at 07:00 the next day
  f.arrival_windows = {std::nullopt, TimeWindow{8 * 60, 22 * 60}};
  EXPECT_FALSE(Passes(RoundTrip(), f));
}

TEST_F(FilterTest, MaxDurationAppliesToEverySlice) {
  Filters f;
  f.max_duration_minutes = 12 * 60;  // OneStop takes 12h exactly
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_TRUE(Passes(Nonstop(), f));
  f.max_duration_minutes = 12 * 60 - 1;
  EXPECT_FALSE(Passes(OneStop(), f));
  f.max_duration_minutes = 15 * 60;  // RoundTrip out: 15h, back: 7h30
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.max_duration_minutes = 10 * 60;
  EXPECT_FALSE(Passes(RoundTrip(), f));  // the total is not what counts, each slice is
}

TEST_F(FilterTest, MaxPriceOnTotalRequested) {
  Filters f;
  f.max_price_minor = 50000;
  EXPECT_TRUE(Passes(Nonstop(), f));
  f.max_price_minor = 49999;
  EXPECT_FALSE(Passes(Nonstop(), f));
  EXPECT_TRUE(Passes(OneStop(), f));
}

TEST_F(FilterTest, CheckedBagIncluded) {
  Filters f;
  f.checked_bag_included = true;
  EXPECT_FALSE(Passes(Nonstop(), f));  // unknown allowance
  Offer bag = OfferBuilder(arena_).CheckedBags(1).Slice({{"LHR", "JFK", "BA", 0, 60}}).Build();
  EXPECT_TRUE(Passes(bag, f));
  Offer none = OfferBuilder(arena_).CheckedBags(0).Slice({{"LHR", "JFK", "BA", 0, 60}}).Build();
  EXPECT_FALSE(Passes(none, f));
  Offer by_weight = none;
  by_weight.bags.checked_weight_kg = 23;
  EXPECT_TRUE(Passes(by_weight, f));
  f.checked_bag_included = false;
  EXPECT_TRUE(Passes(none, f));
}

TEST_F(FilterTest, LayoverAirportsIncludeNeedsEveryConnection) {
  Filters f;
  f.layover_airports_include = {Loc("FRA")};
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_TRUE(Passes(Nonstop(), f));     // no connection to violate the rule
  EXPECT_FALSE(Passes(RoundTrip(), f));  // CDG, AMS
  f.layover_airports_include = {Loc("CDG")};
  EXPECT_FALSE(Passes(RoundTrip(), f));  // AMS is not in the set
  f.layover_airports_include = {Loc("CDG"), Loc("AMS")};
  EXPECT_TRUE(Passes(RoundTrip(), f));
}

TEST_F(FilterTest, LayoverAirportsExcludeRejectsAnyConnection) {
  Filters f;
  f.layover_airports_exclude = {Loc("AMS")};
  EXPECT_FALSE(Passes(RoundTrip(), f));
  EXPECT_TRUE(Passes(OneStop(), f));
  f.layover_airports_exclude = {Loc("JFK"), Loc("LHR")};  // endpoints are not connections
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_TRUE(Passes(RoundTrip(), f));
}

TEST_F(FilterTest, LayoverAirportsCheckBothSidesOfAnAirportChange) {
  // Arrive LGW, leave LHR.
  Offer change = OfferBuilder(arena_)
                     .Slice({{"EDI", "LGW", "U2", At(1, 8), At(1, 9)},
                             {"LHR", "JFK", "BA", At(1, 13), At(1, 21)}})
                     .Build();
  Filters f;
  f.layover_airports_exclude = {Loc("LGW")};
  EXPECT_FALSE(Passes(change, f));
  f.layover_airports_exclude = {Loc("LHR")};
  EXPECT_FALSE(Passes(change, f));
  f.layover_airports_exclude.clear();
  f.layover_airports_include = {Loc("LGW")};
  EXPECT_FALSE(Passes(change, f));
  f.layover_airports_include = {Loc("LGW"), Loc("LHR")};
  EXPECT_TRUE(Passes(change, f));
}

TEST_F(FilterTest, LayoverMinutesBoundEveryLayover) {
  // RoundTrip layovers: 120 min at CDG, 180 min at AMS. OneStop: 90 min.
  Filters f;
  f.min_layover_minutes = 90;
  EXPECT_TRUE(Passes(OneStop(), f));
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.min_layover_minutes = 121;
  EXPECT_FALSE(Passes(RoundTrip(), f));  // CDG too short
  EXPECT_FALSE(Passes(OneStop(), f));
  EXPECT_TRUE(Passes(Nonstop(), f));
  f.min_layover_minutes = std::nullopt;
  f.max_layover_minutes = 180;
  EXPECT_TRUE(Passes(RoundTrip(), f));
  f.max_layover_minutes = 179;
  EXPECT_FALSE(Passes(RoundTrip(), f));  // AMS too long
  EXPECT_TRUE(Passes(OneStop(), f));
}

TEST_F(FilterTest, NoAirportChange) {
  Offer change = OfferBuilder(arena_)
                     .Slice({{"EDI", "LGW", "U2", At(1, 8), At(1, 9)},
                             {"LHR", "JFK", "BA", At(1, 13), At(1, 21)}})
                     .Build();
  ASSERT_EQ(change.airport_changes, 1);
  Filters f;
  f.no_airport_change = true;
  EXPECT_FALSE(Passes(change, f));
  EXPECT_TRUE(Passes(OneStop(), f));
  f.no_airport_change = false;
  EXPECT_TRUE(Passes(change, f));
}

TEST_F(FilterTest, MaxCo2InKilograms) {
  Offer o = OfferBuilder(arena_).Co2Grams(250000).Slice({{"LHR", "JFK", "BA", 0, 60}}).Build();
  Filters f;
  f.max_co2_kg = 250;
  EXPECT_TRUE(Passes(o, f));
  f.max_co2_kg = 249;
  EXPECT_FALSE(Passes(o, f));
  o.co2_grams = 249001;
  EXPECT_FALSE(Passes(o, f));
  o.co2_grams = 249000;
  EXPECT_TRUE(Passes(o, f));
}

TEST_F(FilterTest, AllFiltersMustPass) {
  Filters f;
  f.max_stops = 1;
  f.max_price_minor = 45000;
  std::vector<Offer> offers = {Nonstop(), OneStop(), RoundTrip()};
  std::vector<Offer*> ptrs = Pointers(offers);
  EXPECT_EQ(ApplyFilters(ptrs, f, std::nullopt), (Selection{1}));
  f.exclude_airlines = {Air("UA")};
  EXPECT_TRUE(ApplyFilters(ptrs, f, std::nullopt).empty());
}

}  // namespace
}  // namespace fareflow
