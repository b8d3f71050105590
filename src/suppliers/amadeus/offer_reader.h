#ifndef FAREFLOW_SUPPLIERS_AMADEUS_OFFER_READER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_OFFER_READER_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/codes.h"
#include "core/datetime.h"
#include "enrich/enricher.h"
#include "model/offer.h"
#include "model/offer_batch.h"
#include "suppliers/amadeus/offer_scratch.h"
#include "suppliers/ondemand_reader.h"
#include "suppliers/token_reader.h"

namespace fareflow::amadeus::internal {

class FastPath;

// Reads the flight-offer objects of one payload's `data` into canonical Offers, one pass over
// each object with On-Demand, enriches them and keeps or drops each in the batch. Fields may come
// in any order; unknown fields are skipped. Which fields are required and how each is checked:
// offer_scratch.h.
//
// The stages, one file each (the same split as the Duffel reader):
//   offer_reader.cc      the offer's own fields, failure bookkeeping, keep or drop
//   itinerary_reader.cc  itineraries, segments, end points, carriers, CO2
//   pricing_reader.cc    price, pricing options, travelers and their fare details and bags
//   offer_finish.cc      checks what needs every field and builds the offer in the arena
//   offer_fast_path.cc   the same reads straight from simdjson's token index, for offers as
//                        Amadeus sends them; anything unusual is read again by On-Demand
//
// Members hold the state of the offer being read; the failure of an offer is recorded as
// (reason, path) and the offer dropped, while a broken document is recorded as a simdjson error
// that ends the whole parse. One reader serves one payload on one thread.
//
// Lifetimes: string views in the offers point into the payload bytes (or into `arena` when the
// JSON string holds an escape sequence); offers' slices, segments and prices live in `arena`.
class OfferReader : public suppliers::OnDemandReader<OfferReader> {
 public:
  OfferReader(const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
              Scratch& scratch)
      : OnDemandReader(arena), enricher_(enricher), supplier_(supplier), out_(out), s_(scratch) {}
  OfferReader(const OfferReader&) = delete;
  OfferReader& operator=(const OfferReader&) = delete;

  // Reads the element `index` of `data`, then keeps it in out_ or drops and counts it. Returns
  // false only when the document is broken; fatal() and path() then say why and where.
  bool TakeOffer(Value value, int index);

  simdjson::error_code fatal() const { return fatal_; }
  const char* path() const { return path_; }

 private:
  friend class suppliers::OnDemandReader<OfferReader>;
  friend class FastPath;

  // Records why the current offer is dropped; `leaf` is the field path below the current
  // itinerary/segment or traveler/fare detail context. Returns false so callers can
  // `return Drop(...)`.
  bool Drop(DropReason reason, std::string_view leaf);
  // Records that the document is broken at `leaf`. Returns false.
  bool Fatal(simdjson::error_code error, std::string_view leaf);

  // An identifier the specification types as a string but whose examples are numbers: accepts
  // both and yields the text as written. Inline: ids, terminals and flight numbers are in every
  // segment.
  bool ReadIdText(Value v, std::string_view& out, std::string_view leaf) {
    const std::string_view raw = v.raw_json_token();
    if (!raw.empty() && ((raw[0] >= '0' && raw[0] <= '9') || raw[0] == '-')) {
      out = suppliers::NumberText(raw);
      return true;
    }
    return ReadText(v, out, leaf, Want::kTyped);
  }
  bool ReadBool(Value& v, std::optional<bool>& out, std::string_view leaf);

  // offer_reader.cc. The out-of-line readers take the value by reference: passed by value it is
  // rebuilt on the stack from the field's narrow stores and read back as one wide load (a
  // store-forwarding stall per call).
  // Forgets the offer read before: members and scratch as before any field.
  void Reset();
  // Reads the offer's fields with On-Demand; false when the offer is to be dropped (reason_ and
  // path_ say why) or the document is broken (fatal_).
  bool ReadOffer(Value& value);
  bool ReadValidatingCarriers(Value& v);
  void CommitDrop(int index);

  // offer_fast_path.cc: reads an offer as Amadeus sends it straight from the token index, or
  // returns false having changed nothing On-Demand sees (TakeOffer then resets the members and
  // reads the offer with ReadOffer).
  bool ReadFast(Value& value);

  // itinerary_reader.cc
  bool ReadItineraries(Value& v);
  bool ReadItinerary(Value& v);
  // The `segments` of the itinerary whose first segment is `first_segment`; kAbsent for null.
  Found ReadSegments(Value& v, std::size_t first_segment);
  bool ReadSegment(Value& v);
  struct EndPoint {
    bool present = false;
    bool has_at = false;
    LocationCode code;
    std::string_view terminal;
    Minutes at = 0;
  };
  bool ReadEndPoint(Value& v, EndPoint& ep, bool departure);
  // Checks what a segment said and completes it from its end points; false (a drop recorded)
  // when the segment is unusable.
  bool FinishSegment(const EndPoint& dep, const EndPoint& arr, Segment& seg);
  bool ReadCo2(Value& v, SegmentExtra& extra);
  // The segment's CO2 figure from one co2Emissions element, when its weight and unit are usable.
  static void SetCo2(std::optional<int64_t> weight, std::string_view unit, SegmentExtra& extra);
  // The `aircraft` and `operating` objects of a segment.
  bool ReadAircraft(Value& v, Segment& seg);
  bool ReadOperating(Value& v, Segment& seg);

  // pricing_reader.cc
  bool ReadPrice(Value& v);
  bool ReadPricingOptions(Value& v);
  bool ReadTravelerPricings(Value& v);
  bool ReadTraveler(Value& v, uint16_t t);
  bool ReadFareDetails(Value& v, uint16_t t);
  // `full` is false when an earlier traveler already describes the segments: only the
  // segment reference is then read (and checked).
  bool ReadFareDetail(Value& v, uint16_t t, uint16_t k, bool full);
  bool ReadBags(Value& v, SegmentBags& bags, bool checked);
  // What one includedCheckedBags (`checked`) or includedCabinBags object states, into `bags`.
  static void SetBags(std::optional<int64_t> quantity, std::optional<int64_t> weight,
                      std::string_view unit, bool checked, SegmentBags& bags);

  // offer_finish.cc: checks the required fields, resolves fare details and builds the offer in
  // the arena.
  bool Finish(Offer& offer);

  const Enricher& enricher_;
  const uint16_t supplier_;
  OfferBatch& out_;
  Scratch& s_;

  // The offer being read.
  std::string_view id_;
  AirlineCode validating_;
  bool itineraries_seen_ = false;
  bool price_seen_ = false;
  std::string_view grand_total_;
  std::string_view total_;
  std::string_view base_;
  std::string_view currency_;
  int16_t seats_ = kUnknownCount;
  bool refundable_ = false;
  bool adult_seen_ = false;  // a traveler read so far is an adult: it describes the segments

  // The fast path's memory of the payload's amenities, which repeat for every segment of a fare
  // brand (offer_fast_path.cc). Views into the payload.
  suppliers::tokens::RecentValues<4> amenities_;

  // Where the reader is, for failure paths: -1 when outside.
  int itinerary_ = -1;
  int segment_ = -1;
  int traveler_ = -1;
  int fare_detail_ = -1;

  DropReason reason_ = DropReason::kMissingField;
  simdjson::error_code fatal_ = simdjson::SUCCESS;
  char path_[160] = {};
};

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_OFFER_READER_H_
