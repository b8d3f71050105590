#ifndef FAREFLOW_SUPPLIERS_AMADEUS_OFFER_SCRATCH_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_OFFER_SCRATCH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/cabin.h"
#include "model/offer.h"

namespace fareflow::amadeus::internal {

// What the Amadeus offer reader keeps of an offer while reading it, before the offer is built.

// Limits from the Flight Offers Search v2 specification (FlightOffer.itineraries maxItems,
// Itineraries.segments maxItems, travelerPricings maxItems). An offer beyond them is malformed.
constexpr std::size_t kMaxItineraries = 250;
constexpr std::size_t kMaxSegmentsPerItinerary = 9;
constexpr std::size_t kMaxTravelers = 18;

// How to read the fields of an offer (the rule every reader below follows):
// - a required field that is absent, null or "" drops the offer with kMissingField;
// - any field of the wrong JSON type drops it with kWrongType (the offer does not follow the
//   specification, so nothing else in it can be trusted);
// - an unusable value drops it with kBadValue when it is a code, date or amount the canonical
//   offer depends on; informative values (durations, cabins, bag units, CO2 units) that cannot
//   be read are treated as absent.

// The bag allowance one fare detail states for one segment.
struct SegmentBags {
  bool checked_stated = false;
  bool cabin_stated = false;
  int16_t checked_pieces = kUnknownCount;
  int16_t checked_kg = kUnknownCount;
  int16_t cabin_pieces = kUnknownCount;
};

// One element of a traveler's fareDetailsBySegment, kept until the whole offer has been read
// because travelerPricings may come before itineraries. Views point into the payload or arena.
struct FareDetail {
  std::string_view segment_id;
  uint16_t traveler = 0;  // index in travelerPricings
  uint16_t index = 0;     // index in that traveler's fareDetailsBySegment
  Cabin cabin = Cabin::kUnknown;
  std::string_view booking_class;
  std::string_view fare_basis;
  std::string_view branded_fare;
  std::string_view branded_fare_label;
  SegmentBags bags;
};

// One element of travelerPricings. Amounts stay text until the offer's currency is known.
struct Traveler {
  bool type_known = false;
  bool adult_like = false;  // ADULT, SENIOR, YOUNG, STUDENT
  PassengerType type = PassengerType::kAdult;
  std::string_view total;
  std::string_view currency;
};

// What a segment carries besides the canonical Segment, resolved when the offer is finished.
struct SegmentExtra {
  bool has_detail = false;  // the chosen traveler has a fare detail for it
  std::string_view brand;
  SegmentBags bags;
  int64_t co2_grams = -1;
};

// One element of itineraries: where its segments sit in Scratch::segments, and its duration.
struct Itinerary {
  uint32_t first_segment = 0;
  uint32_t segment_count = 0;
  int32_t duration_minutes = -1;
};

// Per-thread scratch space reused by every offer, so that the hot path allocates nothing but
// the arena copies of the finished offer (the vectors only grow when an offer is bigger than any
// seen before on this thread).
struct Scratch {
  std::vector<Segment> segments;
  std::vector<SegmentExtra> extras;  // parallel to segments
  std::vector<Itinerary> itineraries;
  std::vector<FareDetail> fare_details;
  std::vector<Slice> slices;
  std::array<Traveler, kMaxTravelers> travelers;
  std::size_t traveler_count = 0;

  // Appends a segment and its extra, both as before any field; returns their index.
  std::size_t AddSegment() {
    segments.emplace_back();
    extras.emplace_back();
    return segments.size() - 1;
  }

  void Clear() {
    segments.clear();
    extras.clear();
    itineraries.clear();
    fare_details.clear();
    slices.clear();
    traveler_count = 0;
  }
};

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_OFFER_SCRATCH_H_
