#include "pipeline/facets.h"

#include <algorithm>
#include <limits>

#include "model/carrier_name.h"
#include "model/search_request.h"

namespace fareflow {
namespace {

void Add(FacetCount& f, int64_t price) {
  if (f.count == 0 || price < f.min_price_minor) f.min_price_minor = price;
  ++f.count;
}

// Counts offers per code, each offer at most once per code. Codes map to dense slots through a
// table over the whole code space, so a code costs one lookup; only codes seen get a slot.
template <typename Code, typename Facet>
class CodeCounter {
 public:
  explicit CodeCounter(std::size_t space) : slot_of_(space + 1, 0) {}

  // Counts `code` for offer number `offer` (offers numbered from 1, in order).
  void Add(Code code, uint32_t offer, int64_t price) {
    const std::size_t bit = std::min<std::size_t>(code.index(), slot_of_.size() - 1);
    uint32_t& slot = slot_of_[bit];
    if (slot == 0) {
      facets_.push_back(Facet{code, {}});
      last_offer_.push_back(0);
      slot = static_cast<uint32_t>(facets_.size());
    }
    if (last_offer_[slot - 1] == offer) return;
    last_offer_[slot - 1] = offer;
    fareflow::Add(facets_[slot - 1].value, price);
  }

  std::vector<Facet> Take() { return std::move(facets_); }

 private:
  std::vector<uint32_t> slot_of_;  // code -> slot + 1; 0 = not seen
  std::vector<Facet> facets_;
  std::vector<uint32_t> last_offer_;  // per slot: the last offer counted
};

// Count descending, then `before` on the codes.
template <typename Facet, typename Before>
void SortFacets(std::vector<Facet>& v, Before before) {
  std::sort(v.begin(), v.end(), [&](const Facet& a, const Facet& b) {
    if (a.value.count != b.value.count) return a.value.count > b.value.count;
    return before(a, b);
  });
}

// Calls f(code) for each marketing carrier the airline facets count for `o`: the codes the
// enricher kept on the offer, or every segment's when it has more than the offer keeps (the same
// code may then come more than once).
template <typename F>
void ForEachMarketingCarrier(const Offer& o, F f) {
  if (o.carrier_count <= Offer::kInlineCodes) {
    for (std::size_t c = 0; c < o.carrier_count; ++c) f(o.carriers[c]);
    return;
  }
  for (const Slice& slice : o.slices) {
    for (const Segment& seg : slice.segments) f(seg.marketing_carrier);
  }
}

std::vector<PriceBucket> Histogram(std::span<Offer* const> offers, const Selection& selection,
                                   int64_t lo, int64_t hi) {
  // Buckets of equal integer width covering [lo, hi]; never wider than needed, never empty-width.
  const int64_t range = hi - lo + 1;
  const int64_t buckets = std::min<int64_t>(kPriceBuckets, range);
  const int64_t width = (range + buckets - 1) / buckets;
  std::vector<PriceBucket> out(static_cast<std::size_t>(buckets));
  for (int64_t b = 0; b < buckets; ++b) {
    out[b].lo_minor = lo + b * width;
    out[b].hi_minor = lo + (b + 1) * width;
  }
  for (uint32_t i : selection) {
    const int64_t b = (offers[i]->total_requested.minor - lo) / width;
    ++out[static_cast<std::size_t>(std::min(b, buckets - 1))].count;
  }
  return out;
}

}  // namespace

Facets CountFacets(std::span<Offer* const> offers, const Selection& selection, int slice_count) {
  Facets facets;
  facets.total = static_cast<int>(selection.size());
  facets.departure_day_parts.resize(static_cast<std::size_t>(std::max(slice_count, 0)));
  if (selection.empty()) return facets;

  CodeCounter<AirlineCode, AirlineFacet> airlines(AirlineCode::kSpace);
  CodeCounter<LocationCode, AirportFacet> airports(LocationCode::kSpace);
  std::array<FacetCount, 4> alliance_counts{};
  // Requests have at most kMaxSlices slices, and the offer keeps the day part of that many.
  static_assert(Offer::kDayPartSlices >= kMaxSlices);
  const std::size_t day_part_slices =
      std::min(facets.departure_day_parts.size(), Offer::kDayPartSlices);

  int64_t lo = std::numeric_limits<int64_t>::max();
  int64_t hi = std::numeric_limits<int64_t>::min();
  uint32_t number = 0;
  // Reads the fields enrichment precomputed on the offer itself; the slices, segments and
  // layovers (elsewhere in memory) only for an offer with more distinct codes than it keeps.
  ForEachSelected(offers, selection, [&](uint32_t, const Offer& o) {
    const int64_t price = o.total_requested.minor;
    ++number;
    lo = std::min(lo, price);
    hi = std::max(hi, price);
    Add(facets.stops[static_cast<std::size_t>(std::clamp<int>(o.max_slice_stops, 0, 2))], price);
    const std::size_t slices = std::min(o.slices.size(), day_part_slices);
    for (std::size_t s = 0; s < slices; ++s) {
      Add(facets.departure_day_parts[s][(o.departure_day_parts >> (2 * s)) & 3u], price);
    }
    ForEachMarketingCarrier(o, [&](AirlineCode code) { airlines.Add(code, number, price); });
    if (o.connection_count <= Offer::kInlineCodes) {
      for (std::size_t c = 0; c < o.connection_count; ++c) {
        airports.Add(o.connections[c], number, price);
      }
    } else {
      for (const Slice& slice : o.slices) {
        for (const Layover& l : slice.layovers) {
          airports.Add(l.arrival_airport, number, price);
          airports.Add(l.departure_airport, number, price);
        }
      }
    }
    for (unsigned a = 0; a < 4; ++a) {
      if (o.alliance_mask & (1u << a)) Add(alliance_counts[a], price);
    }
  });

  facets.airlines = airlines.Take();
  SortFacets(facets.airlines, [](const AirlineFacet& a, const AirlineFacet& b) {
    // ASCII order of the two characters; AirlineCode's own order puts digits after letters.
    char x[2] = {'~', '~'};
    char y[2] = {'~', '~'};
    a.code.Write(x);
    b.code.Write(y);
    return std::lexicographical_compare(x, x + 2, y, y + 2);
  });
  facets.connecting_airports = airports.Take();
  SortFacets(facets.connecting_airports,
             [](const AirportFacet& a, const AirportFacet& b) { return a.code < b.code; });
  for (unsigned a = 0; a < 4; ++a) {
    if (alliance_counts[a].count > 0) {
      facets.alliances.push_back(
          AllianceFacet{static_cast<refdata::Alliance>(a), alliance_counts[a]});
    }
  }
  SortFacets(facets.alliances, [](const AllianceFacet& a, const AllianceFacet& b) {
    return a.alliance < b.alliance;
  });

  facets.min_price_minor = lo;
  facets.max_price_minor = hi;
  facets.price_histogram = Histogram(offers, selection, lo, hi);
  return facets;
}

void NameAirlineFacets(std::span<Offer* const> offers, const Selection& selection, Facets& facets) {
  // facets.airlines entry + 1 per code; 0 = no facet, or one already named.
  std::vector<uint32_t> unnamed(AirlineCode::kSpace + 1, 0);
  const std::size_t last = unnamed.size() - 1;
  for (std::size_t a = 0; a < facets.airlines.size(); ++a) {
    unnamed[std::min<std::size_t>(facets.airlines[a].code.index(), last)] =
        static_cast<uint32_t>(a + 1);
  }
  std::size_t left = facets.airlines.size();
  for (std::size_t i = 0; i < selection.size() && left > 0; ++i) {
    const Offer& o = *offers[selection[i]];
    ForEachMarketingCarrier(o, [&](AirlineCode code) {
      uint32_t& entry = unnamed[std::min<std::size_t>(code.index(), last)];
      if (entry == 0) return;
      AirlineFacet& facet = facets.airlines[entry - 1];
      facet.name = MarketingCarrierDisplayName(o, facet.code);
      entry = 0;
      --left;
    });
  }
}

Facets BuildFacets(std::span<Offer* const> offers, const Selection& selection, int slice_count) {
  Facets facets = CountFacets(offers, selection, slice_count);
  NameAirlineFacets(offers, selection, facets);
  return facets;
}

}  // namespace fareflow
