#ifndef FAREFLOW_SUPPLIERS_DUFFEL_OFFER_SCRATCH_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_OFFER_SCRATCH_H_

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "model/offer.h"

namespace fareflow::duffel::internal {

// What the Duffel offer reader keeps of an offer while reading it, before the offer is built.

// How to read the fields of an offer (the rule every reader follows):
// - a required field (`id`, `slices`, each segment's airports, times, marketing carrier and
//   flight number, `total_amount`, `total_currency`) that is absent or null drops the offer with
//   kMissingField, one of the wrong JSON type with kWrongType, an unusable one with kBadValue;
//   an empty `slices` or `segments` array is kInconsistent;
// - nullable and optional fields (terminals, operating carrier, aircraft, durations, fare brand,
//   conditions, emissions, fare basis, passengers, baggages) read as "unknown" when null, and an
//   optional field of an unexpected type is ignored.

// A slice being read, and where its segments sit in Scratch::segments.
struct SliceDraft {
  Slice slice;
  uint32_t first_segment = 0;
  uint32_t segment_count = 0;
};

// Offer-level strings that can only be interpreted once every field has been seen (an amount
// needs its currency, which may come after it). Views point into the payload or the arena.
struct OfferTexts {
  std::string_view total_amount;
  std::string_view total_currency;
  std::string_view base_amount;
  std::string_view base_currency;
  std::string_view emissions_kg;
  bool saw_slices = false;
};

// A segment's texts that are checked and parsed once the whole segment has been read. Views
// point into the payload or the arena.
struct SegmentTexts {
  std::string_view origin, destination;            // iata_code of the airports
  std::string_view origin_zone, destination_zone;  // time_zone of the airports
  std::string_view departing_at, arriving_at;
  std::string_view marketing, operating;  // iata_code of the carriers
  std::string_view aircraft;              // iata_code of the aircraft
};

// The offer's passengers by type, from its `passengers` list.
struct PassengerCounts {
  int16_t adults = 0;
  int16_t children = 0;
  int16_t infants = 0;  // infants without a seat

  // Counts one passenger of `type`; a count stops at its largest value.
  void Count(PassengerType type) {
    int16_t& count = type == PassengerType::kAdult   ? adults
                     : type == PassengerType::kChild ? children
                                                     : infants;
    if (count < std::numeric_limits<int16_t>::max()) ++count;
  }
};

// One remembered time zone look-up. `name` points into the payload.
struct ZoneEntry {
  std::string_view name;
  uint16_t zone = kNoTimeZone;
};

// Scratch space reused by every offer of a payload, so that reading an offer allocates nothing
// but the arena copies of the finished offer (the vectors only grow when an offer is bigger than
// any seen before).
struct Scratch {
  std::vector<Segment> segments;   // the offer's segments, all slices in order
  std::vector<SliceDraft> slices;  // the offer's slices
  BagAllowance bags;               // least generous allowance over the segments read so far
  bool any_bags = false;           // false until the first segment's allowance is folded in

  Scratch() {
    segments.reserve(16);
    slices.reserve(4);
  }

  void Clear() {
    segments.clear();
    slices.clear();
    bags = BagAllowance{};
    any_bags = false;
  }
};

}  // namespace fareflow::duffel::internal

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_OFFER_SCRATCH_H_
