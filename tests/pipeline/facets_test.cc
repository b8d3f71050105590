#include "pipeline/facets.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "pipeline/offer_builder.h"

namespace fareflow {
namespace {

using refdata::Alliance;
using testing::At;
using testing::OfferBuilder;
using testing::Pointers;

std::vector<std::string> AirlineCodes(const Facets& f) {
  std::vector<std::string> out;
  for (const AirlineFacet& a : f.airlines) out.push_back(a.code.str());
  return out;
}

std::vector<std::string> AirportCodes(const Facets& f) {
  std::vector<std::string> out;
  for (const AirportFacet& a : f.connecting_airports) out.push_back(a.code.str());
  return out;
}

class FacetsTest : public ::testing::Test {
 protected:
  FacetsTest() {
    // 0: nonstop BA, 08:00, 500.
    offers_.push_back(
        OfferBuilder(arena_).Price(500).Slice({{"LHR", "JFK", "BA", At(1, 8), At(1, 16)}}).Build());
    // 1: LH via FRA (second leg operated by UA), 06:00, 400.
    offers_.push_back(OfferBuilder(arena_)
                          .Price(400)
                          .Slice({{"LHR", "FRA", "LH", At(1, 6), At(1, 8)},
                                  {"FRA", "JFK", "LH", At(1, 10), At(1, 18), "UA"}})
                          .Build());
    // 2: round trip, out AF/AF/KL via CDG and AMS at 22:00, back U2 at 23:30, 700.
    offers_.push_back(OfferBuilder(arena_)
                          .Price(700)
                          .Slice({{"LHR", "CDG", "AF", At(1, 22), At(1, 23)},
                                  {"CDG", "AMS", "AF", At(2, 1), At(2, 2)},
                                  {"AMS", "JFK", "KL", At(2, 5), At(2, 13)}})
                          .Slice({{"JFK", "LGW", "U2", At(9, 23, 30), At(10, 7)}})
                          .Build());
    // 3: LH then BA via FRA, 13:00, 450.
    offers_.push_back(OfferBuilder(arena_)
                          .Price(450)
                          .Slice({{"LHR", "FRA", "LH", At(1, 13), At(1, 15)},
                                  {"FRA", "JFK", "BA", At(1, 16), At(1, 23)}})
                          .Build());
    // 4: nonstop BA, 02:00, 900.
    offers_.push_back(
        OfferBuilder(arena_).Price(900).Slice({{"LHR", "JFK", "BA", At(1, 2), At(1, 10)}}).Build());
    ptrs_ = Pointers(offers_);
  }

  Arena arena_;
  std::vector<Offer> offers_;
  std::vector<Offer*> ptrs_;
};

TEST_F(FacetsTest, CountsStopsWithMinPrices) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  EXPECT_EQ(f.total, 5);
  EXPECT_EQ(f.stops[0].count, 2);
  EXPECT_EQ(f.stops[0].min_price_minor, 500);
  EXPECT_EQ(f.stops[1].count, 2);
  EXPECT_EQ(f.stops[1].min_price_minor, 400);
  EXPECT_EQ(f.stops[2].count, 1);  // two or more
  EXPECT_EQ(f.stops[2].min_price_minor, 700);
}

TEST_F(FacetsTest, AirlinesByCountThenCodeOncePerOffer) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  EXPECT_EQ(AirlineCodes(f), (std::vector<std::string>{"BA", "LH", "AF", "KL", "U2"}));
  EXPECT_EQ(f.airlines[0].value.count, 3);
  EXPECT_EQ(f.airlines[0].value.min_price_minor, 450);
  EXPECT_EQ(f.airlines[1].value.count, 2);
  EXPECT_EQ(f.airlines[1].value.min_price_minor, 400);
  EXPECT_EQ(f.airlines[2].value.count, 1);  // AF twice in one offer
  EXPECT_EQ(f.airlines[2].value.min_price_minor, 700);
}

TEST_F(FacetsTest, AirlineCodesTieInAsciiOrder) {
  Arena arena;
  std::vector<Offer> offers = {
      OfferBuilder(arena).Price(1).Slice({{"LHR", "JFK", "BA", 0, 60}}).Build(),
      OfferBuilder(arena).Price(1).Slice({{"LHR", "JFK", "9W", 0, 60}}).Build(),
  };
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0, 1}, 1);
  EXPECT_EQ(AirlineCodes(f), (std::vector<std::string>{"9W", "BA"}));
}

// Names `code`'s segments of `offer` as its supplier would (suppliers/carrier_names.h).
void NameCarrier(Offer& offer, std::string_view code, std::string_view name) {
  for (Slice& slice : offer.slices) {
    for (Segment& seg : slice.segments) {
      if (seg.marketing_carrier == AirlineCode::Parse(code)) seg.marketing_carrier_name = name;
    }
  }
}

TEST_F(FacetsTest, AirlinesNamedAsTheOffersNameThem) {
  // HR: the reference data says "China United Airlines", a defunct airline's name.
  Arena arena;
  std::vector<Offer> offers = {
      OfferBuilder(arena).Price(1).Slice({{"FRA", "JFK", "HR", 0, 60}}).Build(),
      OfferBuilder(arena).Price(1).Slice({{"FRA", "JFK", "LH", 0, 60}}).Build(),
  };
  NameCarrier(offers[0], "HR", "Hahn Air");
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0, 1}, 1);
  ASSERT_EQ(AirlineCodes(f), (std::vector<std::string>{"HR", "LH"}));
  EXPECT_EQ(f.airlines[0].name, "Hahn Air");
  EXPECT_EQ(f.airlines[1].name, "Lufthansa");  // no supplier name: the reference data's
}

// Three offers on one route: HR named "Hahn Air" by the first supplier and "Hahn Air Lines" by
// the second; the third offer's carrier, `third`, named by no supplier.
struct DifferentlyNamed {
  explicit DifferentlyNamed(const char* third) {
    offers.push_back(OfferBuilder(arena).Price(1).Slice({{"FRA", "JFK", "HR", 0, 60}}).Build());
    offers.push_back(OfferBuilder(arena).Price(2).Slice({{"FRA", "JFK", "HR", 0, 60}}).Build());
    offers.push_back(OfferBuilder(arena).Price(3).Slice({{"FRA", "JFK", third, 0, 60}}).Build());
    NameCarrier(offers[0], "HR", "Hahn Air");
    NameCarrier(offers[1], "HR", "Hahn Air Lines");
    ptrs = Pointers(offers);
  }
  Arena arena;
  std::vector<Offer> offers;
  std::vector<Offer*> ptrs;
};

TEST_F(FacetsTest, SuppliersNamingACarrierDifferentlyTheFirstOfferInTheSelectionDecides) {
  const DifferentlyNamed named("HR");
  const std::vector<Offer*>& ptrs = named.ptrs;
  EXPECT_EQ(BuildFacets(ptrs, Selection{0, 1, 2}, 1).airlines.at(0).name, "Hahn Air");
  EXPECT_EQ(BuildFacets(ptrs, Selection{1, 0, 2}, 1).airlines.at(0).name, "Hahn Air Lines");
  EXPECT_EQ(BuildFacets(ptrs, Selection{2, 0, 1}, 1).airlines.at(0).name, "China United Airlines");
}

// RunQuery counts the facets over a copy of the selection while it is sorted, then names the
// airlines in the sorted order.
TEST_F(FacetsTest, CountsDoNotDependOnTheOrderAndNamesComeFromTheOrderNamedWith) {
  const DifferentlyNamed named("LH");
  const std::vector<Offer*>& ptrs = named.ptrs;
  Facets f = CountFacets(ptrs, Selection{0, 2, 1}, 1);
  const Facets in_order = BuildFacets(ptrs, Selection{1, 0, 2}, 1);
  ASSERT_EQ(AirlineCodes(f), AirlineCodes(in_order));
  for (std::size_t a = 0; a < f.airlines.size(); ++a) {
    EXPECT_EQ(f.airlines[a].value.count, in_order.airlines[a].value.count);
    EXPECT_EQ(f.airlines[a].value.min_price_minor, in_order.airlines[a].value.min_price_minor);
    EXPECT_TRUE(f.airlines[a].name.empty());
  }
  EXPECT_EQ(f.min_price_minor, in_order.min_price_minor);
  EXPECT_EQ(f.max_price_minor, in_order.max_price_minor);
  NameAirlineFacets(ptrs, Selection{1, 0, 2}, f);
  EXPECT_EQ(f.airlines.at(0).name, "Hahn Air Lines");
  EXPECT_EQ(f.airlines.at(1).name, "Lufthansa");
}

TEST_F(FacetsTest, AirlinesNamedWhenAnOfferHasMoreCarriersThanItKeepsInline) {
  Arena arena;
  std::vector<Offer> offers = {OfferBuilder(arena)
                                   .Price(1)
                                   .Slice({{"LHR", "FRA", "LH", 0, 60},
                                           {"FRA", "VIE", "OS", 120, 180},
                                           {"VIE", "IST", "TK", 240, 300},
                                           {"IST", "DXB", "EK", 360, 420},
                                           {"DXB", "BKK", "HR", 480, 540}})
                                   .Build()};
  ASSERT_GT(offers[0].carrier_count, Offer::kInlineCodes);
  NameCarrier(offers[0], "HR", "Hahn Air");
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0}, 1);
  ASSERT_EQ(AirlineCodes(f), (std::vector<std::string>{"EK", "HR", "LH", "OS", "TK"}));
  EXPECT_EQ(f.airlines[1].name, "Hahn Air");
  EXPECT_EQ(f.airlines[2].name, "Lufthansa");
}

TEST_F(FacetsTest, AlliancesIncludingNone) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  ASSERT_EQ(f.alliances.size(), 4u);
  EXPECT_EQ(f.alliances[0].alliance, Alliance::kOneworld);
  EXPECT_EQ(f.alliances[0].value.count, 3);
  EXPECT_EQ(f.alliances[0].value.min_price_minor, 450);
  EXPECT_EQ(f.alliances[1].alliance, Alliance::kStarAlliance);
  EXPECT_EQ(f.alliances[1].value.count, 2);  // UA operating does not count
  EXPECT_EQ(f.alliances[1].value.min_price_minor, 400);
  EXPECT_EQ(f.alliances[2].alliance, Alliance::kNone);  // U2
  EXPECT_EQ(f.alliances[2].value.count, 1);
  EXPECT_EQ(f.alliances[3].alliance, Alliance::kSkyTeam);  // AF and KL in one offer: once
  EXPECT_EQ(f.alliances[3].value.count, 1);
  EXPECT_EQ(f.alliances[3].value.min_price_minor, 700);
}

TEST_F(FacetsTest, ConnectingAirports) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  EXPECT_EQ(AirportCodes(f), (std::vector<std::string>{"FRA", "AMS", "CDG"}));
  EXPECT_EQ(f.connecting_airports[0].value.count, 2);
  EXPECT_EQ(f.connecting_airports[0].value.min_price_minor, 400);
  EXPECT_EQ(f.connecting_airports[1].value.count, 1);
  EXPECT_EQ(f.connecting_airports[1].value.min_price_minor, 700);
}

TEST_F(FacetsTest, OffersWithMoreCodesThanKeptInlineAreCountedFromTheirSegments) {
  // Six marketing carriers and ten connecting airports in one offer: past Offer::kInlineCodes,
  // facets walk the segments; every code still counts once for the offer.
  Arena arena;
  std::vector<Offer> offers = {
      OfferBuilder(arena)
          .Price(300)
          .Slice({{"LHR", "CDG", "BA", At(1, 6), At(1, 7)},
                  {"CDG", "FRA", "AF", At(1, 8), At(1, 9)},
                  {"FRA", "ZRH", "LH", At(1, 10), At(1, 11)},
                  {"ZRH", "VIE", "LX", At(1, 12), At(1, 13)},
                  {"VIE", "CPH", "OS", At(1, 14), At(1, 15)},
                  {"CPH", "JFK", "SK", At(1, 16), At(1, 23)}})
          .Slice({{"JFK", "LHR", "BA", At(9, 18), At(10, 6)}})
          .Build(),
      OfferBuilder(arena).Price(200).Slice({{"LHR", "JFK", "BA", At(1, 9), At(1, 17)}}).Build()};
  ASSERT_GT(offers[0].carrier_count, Offer::kInlineCodes);
  ASSERT_GT(offers[0].connection_count, Offer::kInlineCodes);
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0, 1}, 2);
  EXPECT_EQ(AirlineCodes(f), (std::vector<std::string>{"BA", "AF", "LH", "LX", "OS", "SK"}));
  EXPECT_EQ(f.airlines[0].value.count, 2);  // BA twice in the first offer: once
  EXPECT_EQ(AirportCodes(f), (std::vector<std::string>{"CDG", "CPH", "FRA", "VIE", "ZRH"}));
  EXPECT_EQ(f.connecting_airports[0].value.count, 1);
  EXPECT_EQ(f.departure_day_parts[0][static_cast<int>(DayPart::kMorning)].count, 2);
  EXPECT_EQ(f.departure_day_parts[1][static_cast<int>(DayPart::kEvening)].count, 1);
}

TEST_F(FacetsTest, AirportChangeCountsBothAirportsOnce) {
  Arena arena;
  std::vector<Offer> offers = {OfferBuilder(arena)
                                   .Price(100)
                                   .Slice({{"EDI", "LGW", "U2", At(1, 8), At(1, 9)},
                                           {"LHR", "JFK", "BA", At(1, 13), At(1, 21)}})
                                   .Build(),
                               OfferBuilder(arena)
                                   .Price(200)
                                   .Slice({{"EDI", "LHR", "BA", At(1, 8), At(1, 9)},
                                           {"LHR", "JFK", "BA", At(1, 13), At(1, 21)}})
                                   .Slice({{"JFK", "LHR", "BA", At(5, 8), At(5, 16)},
                                           {"LHR", "EDI", "BA", At(5, 18), At(5, 19)}})
                                   .Build()};
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0}, 2);
  EXPECT_EQ(AirportCodes(f), (std::vector<std::string>{"LGW", "LHR"}));  // LHR: departure side
  EXPECT_EQ(f.connecting_airports[0].value.count, 1);
  EXPECT_EQ(f.connecting_airports[1].value.count, 1);

  Facets both = BuildFacets(ptrs, Selection{0, 1}, 2);
  EXPECT_EQ(AirportCodes(both), (std::vector<std::string>{"LHR", "LGW"}));
  EXPECT_EQ(both.connecting_airports[0].value.count, 2);  // four times in offer 1: once
  EXPECT_EQ(both.connecting_airports[0].value.min_price_minor, 100);
}

TEST_F(FacetsTest, StopsBucketIsTheWorstSliceNotTheTotal) {
  Arena arena;
  std::vector<Offer> offers = {OfferBuilder(arena)
                                   .Price(100)
                                   .Slice({{"EDI", "LHR", "BA", At(1, 8), At(1, 9)},
                                           {"LHR", "JFK", "BA", At(1, 13), At(1, 21)}})
                                   .Slice({{"JFK", "LHR", "BA", At(5, 8), At(5, 16)},
                                           {"LHR", "EDI", "BA", At(5, 18), At(5, 19)}})
                                   .Build()};
  ASSERT_EQ(offers[0].total_stops, 2);
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0}, 2);
  EXPECT_EQ(f.stops[1].count, 1);
  EXPECT_EQ(f.stops[2].count, 0);
}

TEST_F(FacetsTest, PriceHistogramBuckets) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  EXPECT_EQ(f.min_price_minor, 400);
  EXPECT_EQ(f.max_price_minor, 900);
  // Range 400..900 is 501 values: 10 buckets of 51.
  ASSERT_EQ(f.price_histogram.size(), 10u);
  EXPECT_EQ(f.price_histogram.front().lo_minor, 400);
  EXPECT_EQ(f.price_histogram.front().hi_minor, 451);
  EXPECT_EQ(f.price_histogram.back().lo_minor, 859);
  EXPECT_EQ(f.price_histogram.back().hi_minor, 910);
  std::vector<int> counts;
  int sum = 0;
  for (std::size_t i = 0; i < f.price_histogram.size(); ++i) {
    const PriceBucket& b = f.price_histogram[i];
    counts.push_back(b.count);
    sum += b.count;
    if (i > 0) {
      EXPECT_EQ(b.lo_minor, f.price_histogram[i - 1].hi_minor);
    }
  }
  EXPECT_EQ(counts, (std::vector<int>{2, 1, 0, 0, 0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(sum, 5);
}

TEST_F(FacetsTest, NarrowPriceRangeHasFewerBuckets) {
  Arena arena;
  std::vector<Offer> offers = {
      OfferBuilder(arena).Price(100).Build(), OfferBuilder(arena).Price(103).Build(),
      OfferBuilder(arena).Price(103).Build(), OfferBuilder(arena).Price(100).Build()};
  std::vector<Offer*> ptrs = Pointers(offers);
  Facets f = BuildFacets(ptrs, Selection{0, 1, 2}, 1);
  ASSERT_EQ(f.price_histogram.size(), 4u);
  EXPECT_EQ(f.price_histogram[0].lo_minor, 100);
  EXPECT_EQ(f.price_histogram[0].count, 1);
  EXPECT_EQ(f.price_histogram[3].lo_minor, 103);
  EXPECT_EQ(f.price_histogram[3].hi_minor, 104);
  EXPECT_EQ(f.price_histogram[3].count, 2);

  Facets one = BuildFacets(ptrs, Selection{1}, 1);
  ASSERT_EQ(one.price_histogram.size(), 1u);
  EXPECT_EQ(one.price_histogram[0].lo_minor, 103);
  EXPECT_EQ(one.price_histogram[0].hi_minor, 104);
  EXPECT_EQ(one.price_histogram[0].count, 1);
}

TEST_F(FacetsTest, DepartureDayPartsPerSlice) {
  Facets f = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 2);
  ASSERT_EQ(f.departure_day_parts.size(), 2u);
  const auto& out = f.departure_day_parts[0];
  EXPECT_EQ(out[static_cast<int>(DayPart::kNight)].count, 1);  // 02:00
  EXPECT_EQ(out[static_cast<int>(DayPart::kNight)].min_price_minor, 900);
  EXPECT_EQ(out[static_cast<int>(DayPart::kMorning)].count, 2);  // 06:00 and 08:00
  EXPECT_EQ(out[static_cast<int>(DayPart::kMorning)].min_price_minor, 400);
  EXPECT_EQ(out[static_cast<int>(DayPart::kAfternoon)].count, 1);  // 13:00
  EXPECT_EQ(out[static_cast<int>(DayPart::kEvening)].count, 1);    // 22:00
  const auto& back = f.departure_day_parts[1];
  EXPECT_EQ(back[static_cast<int>(DayPart::kEvening)].count, 1);  // 23:30
  EXPECT_EQ(back[static_cast<int>(DayPart::kEvening)].min_price_minor, 700);
  EXPECT_EQ(back[static_cast<int>(DayPart::kNight)].count, 0);

  Facets one = BuildFacets(ptrs_, Selection{0, 1, 2, 3, 4}, 1);
  EXPECT_EQ(one.departure_day_parts.size(), 1u);
}

TEST_F(FacetsTest, OnlyTheSelectionCounts) {
  Facets f = BuildFacets(ptrs_, Selection{2, 4}, 2);
  EXPECT_EQ(f.total, 2);
  EXPECT_EQ(f.stops[0].count, 1);
  EXPECT_EQ(f.stops[0].min_price_minor, 900);
  EXPECT_EQ(f.stops[1].count, 0);
  EXPECT_EQ(AirlineCodes(f), (std::vector<std::string>{"AF", "BA", "KL", "U2"}));
  EXPECT_EQ(f.min_price_minor, 700);
  EXPECT_EQ(f.max_price_minor, 900);
}

TEST_F(FacetsTest, EmptySelection) {
  Facets f = BuildFacets(ptrs_, Selection{}, 2);
  EXPECT_EQ(f.total, 0);
  EXPECT_EQ(f.stops[0].count, 0);
  EXPECT_TRUE(f.airlines.empty());
  EXPECT_TRUE(f.alliances.empty());
  EXPECT_TRUE(f.connecting_airports.empty());
  EXPECT_TRUE(f.price_histogram.empty());
  ASSERT_EQ(f.departure_day_parts.size(), 2u);
  EXPECT_EQ(f.departure_day_parts[0][0].count, 0);
}

}  // namespace
}  // namespace fareflow
