#include "enrich/facet_fields.h"

#include <algorithm>
#include <cstdint>

#include "core/datetime.h"
#include "refdata/airlines.h"

namespace fareflow {
namespace {

// Adds `code` to the distinct codes `inline_codes` (the first ones) and `count` (all of them),
// unless it is there already. Past the inline ones a repeat is counted again: readers then walk
// the segments, so the count only has to tell them so.
template <typename Code, std::size_t N>
bool AddDistinct(std::array<Code, N>& inline_codes, uint8_t& count, Code code) {
  const std::size_t known = std::min<std::size_t>(count, N);
  for (std::size_t i = 0; i < known; ++i) {
    if (inline_codes[i] == code) return false;
  }
  if (count < N) inline_codes[count] = code;
  if (count < UINT8_MAX) ++count;
  return true;
}

}  // namespace

void PrecomputeFacetFields(Offer& offer) {
  offer.carrier_count = 0;
  offer.connection_count = 0;
  offer.alliance_mask = 0;
  offer.departure_day_parts = 0;
  for (std::size_t i = 0; i < offer.slices.size(); ++i) {
    const Slice& slice = offer.slices[i];
    if (i < Offer::kDayPartSlices) {
      const unsigned part = static_cast<unsigned>(MinuteOfDay(slice.departure_local) / 360) & 3u;
      offer.departure_day_parts =
          static_cast<uint16_t>(offer.departure_day_parts | part << (2 * i));
    }
    for (const Segment& seg : slice.segments) {
      if (AddDistinct(offer.carriers, offer.carrier_count, seg.marketing_carrier)) {
        const refdata::Airline* a =
            seg.marketing_carrier.valid() ? refdata::FindAirline(seg.marketing_carrier) : nullptr;
        const auto alliance = a ? a->alliance : refdata::Alliance::kNone;
        offer.alliance_mask =
            static_cast<uint8_t>(offer.alliance_mask | 1u << static_cast<unsigned>(alliance));
      }
    }
    for (const Layover& l : slice.layovers) {
      AddDistinct(offer.connections, offer.connection_count, l.arrival_airport);
      AddDistinct(offer.connections, offer.connection_count, l.departure_airport);
    }
  }
}

}  // namespace fareflow
