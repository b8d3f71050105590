#ifndef FAREFLOW_TESTS_PIPELINE_OFFER_BUILDER_H_
#define FAREFLOW_TESTS_PIPELINE_OFFER_BUILDER_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/arena.h"
#include "core/codes.h"
#include "core/datetime.h"
#include "enrich/facet_fields.h"
#include "model/offer.h"

namespace fareflow::testing {

// Minutes of 2026-05-<day> at hh:mm, for building times by hand.
inline Minutes At(int day, int hh, int mm = 0) {
  return Minutes{DaysFromCivil(2026, 5, day)} * 1440 + hh * 60 + mm;
}

// One segment to build: endpoints, marketing (and optionally operating) carrier, local times.
// Tests treat local times as UTC, so durations are arrival - departure.
struct Seg {
  std::string_view from;
  std::string_view to;
  std::string_view carrier;
  Minutes departure = 0;
  Minutes arrival = 0;
  std::string_view operating = {};  // empty: same as carrier
  int technical_stops = 0;
};

// Builds an Offer by hand with its enriched fields filled the way the enricher would (stops,
// layovers, durations, airport changes, totals), all memory in `arena`. Prices are EUR minor units.
//
//   Offer o = OfferBuilder(arena).Price(12000).Slice({{"LHR", "FRA", "LH", At(1, 8), At(1, 10)},
//                                                     {"FRA", "JFK", "LH", At(1, 11), At(1, 19)}})
//                 .Build();
class OfferBuilder {
 public:
  explicit OfferBuilder(Arena& arena) : arena_(arena) {}

  OfferBuilder& Supplier(uint16_t s) {
    offer_.supplier = s;
    return *this;
  }
  OfferBuilder& Id(std::string_view id) {
    offer_.supplier_offer_id = arena_.CopyString(id);
    return *this;
  }
  OfferBuilder& Key(uint64_t key) {
    offer_.dedupe_key = key;
    return *this;
  }
  // Sets total, total_requested and (unless PerAdult is called) per_adult_requested.
  OfferBuilder& Price(int64_t minor) {
    offer_.total = Money{minor, kEur};
    offer_.total_requested = Money{minor, kEur};
    if (!per_adult_set_) offer_.per_adult_requested = Money{minor, kEur};
    return *this;
  }
  OfferBuilder& PerAdult(int64_t minor) {
    per_adult_set_ = true;
    offer_.per_adult_requested = Money{minor, kEur};
    return *this;
  }
  OfferBuilder& CheckedBags(int16_t pieces) {
    offer_.bags.checked_pieces = pieces;
    return *this;
  }
  OfferBuilder& Co2Grams(int32_t grams) {
    offer_.co2_grams = grams;
    return *this;
  }
  OfferBuilder& Slice(std::initializer_list<Seg> segs) {
    slices_.push_back(std::vector<Seg>(segs));
    return *this;
  }

  Offer Build() {
    Offer o = offer_;
    fareflow::Slice* slices = arena_.AllocateArray<fareflow::Slice>(slices_.size());
    for (std::size_t i = 0; i < slices_.size(); ++i) {
      slices[i] = MakeSlice(slices_[i]);
      const fareflow::Slice& s = slices[i];
      o.total_duration_minutes += s.duration_minutes;
      o.total_stops = static_cast<int16_t>(o.total_stops + s.stops);
      if (s.stops > o.max_slice_stops) o.max_slice_stops = s.stops;
      for (const Layover& l : s.layovers) o.airport_changes += l.change_of_airport ? 1 : 0;
    }
    o.slices = {slices, slices_.size()};
    PrecomputeFacetFields(o);
    return o;
  }

 private:
  static constexpr CurrencyCode kEur = CurrencyCode::Parse("EUR");

  fareflow::Slice MakeSlice(const std::vector<Seg>& segs) {
    Segment* out = arena_.AllocateArray<Segment>(segs.size());
    Layover* lay = segs.size() > 1 ? arena_.AllocateArray<Layover>(segs.size() - 1) : nullptr;
    fareflow::Slice s;
    for (std::size_t i = 0; i < segs.size(); ++i) {
      const Seg& g = segs[i];
      Segment seg;
      seg.origin = LocationCode::Parse(g.from);
      seg.destination = LocationCode::Parse(g.to);
      seg.marketing_carrier = AirlineCode::Parse(g.carrier);
      seg.operating_carrier = AirlineCode::Parse(g.operating.empty() ? g.carrier : g.operating);
      seg.codeshare = seg.operating_carrier != seg.marketing_carrier;
      seg.departure_local = seg.departure_utc = g.departure;
      seg.arrival_local = seg.arrival_utc = g.arrival;
      seg.duration_minutes = static_cast<int32_t>(g.arrival - g.departure);
      seg.technical_stops = static_cast<int16_t>(g.technical_stops);
      out[i] = seg;
      s.stops = static_cast<int16_t>(s.stops + g.technical_stops);
      if (i > 0) {
        const Segment& prev = out[i - 1];
        Layover l;
        l.arrival_airport = prev.destination;
        l.departure_airport = seg.origin;
        l.minutes = static_cast<int32_t>(seg.departure_local - prev.arrival_local);
        l.overnight = DayOf(seg.departure_local) != DayOf(prev.arrival_local);
        l.change_of_airport = l.arrival_airport != l.departure_airport;
        lay[i - 1] = l;
        s.stops = static_cast<int16_t>(s.stops + 1);
        s.has_airport_change = s.has_airport_change || l.change_of_airport;
      }
    }
    s.segments = {out, segs.size()};
    s.layovers = {lay, segs.empty() ? 0 : segs.size() - 1};
    if (!segs.empty()) {
      s.origin = out[0].origin;
      s.destination = out[segs.size() - 1].destination;
      s.departure_local = s.departure_utc = out[0].departure_local;
      s.arrival_local = s.arrival_utc = out[segs.size() - 1].arrival_local;
      s.duration_minutes = static_cast<int32_t>(s.arrival_utc - s.departure_utc);
    }
    return s;
  }

  Arena& arena_;
  Offer offer_;
  bool per_adult_set_ = false;
  std::vector<std::vector<Seg>> slices_;
};

// Pointers to every offer of `offers`, in order: the shape the pipeline stages take. The vector
// must not grow afterwards.
inline std::vector<Offer*> Pointers(std::vector<Offer>& offers) {
  std::vector<Offer*> out;
  for (Offer& o : offers) out.push_back(&o);
  return out;
}

}  // namespace fareflow::testing

#endif  // FAREFLOW_TESTS_PIPELINE_OFFER_BUILDER_H_
