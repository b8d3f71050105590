#ifndef FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "model/offer.h"
#include "model/offer_batch.h"
#include "suppliers/carrier_names.h"
#include "suppliers/duffel/offer_scratch.h"
#include "suppliers/ondemand_reader.h"
#include "suppliers/token_reader.h"

namespace fareflow::duffel::internal {

// Why OfferReader::Read refused an offer: either this one offer is unusable (`reason`), or the
// payload itself is broken JSON (`fatal`), in which case nothing more can be read from it.
struct ReadFailure {
  simdjson::error_code fatal = simdjson::SUCCESS;
  DropReason reason = DropReason::kCount;  // kCount: no drop
  // The offending field below the slice and segment named by the indices, e.g.
  // "origin/iata_code"; static text.
  std::string_view what;
  int slice = -1;    // index of the slice being read, -1 outside slices
  int segment = -1;  // index of the segment being read, -1 outside segments
};

// Reads Duffel Offer objects (`data`, `data.offers[i]` or `data[i]` of Duffel's responses) into
// canonical Offers, one pass over each object with On-Demand. Fields may come in any order;
// unknown fields are skipped, so older (2021) and newer (v2) responses both parse. Which fields
// are required and how each is checked: offer_scratch.h.
//
// The stages, one file each (the same split as the Amadeus reader):
//   offer_reader.cc      the offer's own fields, failure bookkeeping
//   itinerary_reader.cc  slices, segments, places, carriers, a segment's passengers and bags
//   pricing_reader.cc    passengers, conditions, emissions
//   offer_finish.cc      checks what needs every field and builds the offer in the arena
//   offer_fast_path.cc   the same reads straight from simdjson's token index, for offers as
//                        Duffel sends them; anything else falls back to the stages above
//
// One reader serves one payload. It keeps scratch buffers reused across the payload's offers, so
// reading an offer allocates nothing but its final, exactly sized arrays in the arena. Not
// thread-safe.
//
// Lifetimes: string views in the offers point into the payload bytes (or into `arena` when the
// JSON string holds an escape sequence; carrier names are held once per reader, see
// suppliers/carrier_names.h); slices, segments and passenger prices live in `arena`,
// which must outlive the reader's offers. Only the supplier's fields are filled: `supplier` and
// every derived field are left to the caller and the Enricher.
class FastPath;

class OfferReader : public suppliers::OnDemandReader<OfferReader> {
 public:
  explicit OfferReader(Arena& arena) : OnDemandReader(arena) {}
  OfferReader(const OfferReader&) = delete;
  OfferReader& operator=(const OfferReader&) = delete;

  // Reads one offer into `offer`, which should be freshly value-initialised. Returns true when
  // the offer is complete. Returns false when it must be dropped — the rest of the element has
  // then been skipped, so the caller can go on with the next sibling — or when the JSON is broken
  // (failure().fatal is set and the caller must stop).
  bool Read(Value value, Offer& offer);
  // The same for an object already opened (and rewound) by the caller.
  bool Read(Object& object, Offer& offer);

  // Why the last Read returned false.
  const ReadFailure& failure() const { return failure_; }

  // Describes the last drop for logs: "offer off_123 (#4): /slices/0/segments/1/departing_at".
  // `index` is the offer's position in the payload.
  std::string DescribeFailure(int index) const;

  // The `id` of the last offer read, as far as it was read (possibly empty), also after a drop.
  // Lives as long as the payload (or the arena).
  std::string_view offer_id() const { return offer_id_; }

 private:
  friend class suppliers::OnDemandReader<OfferReader>;
  friend class FastPath;

  // Records why reading stops and returns false. The first failure of an offer wins (later ones
  // are symptoms); a fatal error always wins. `what` names the field for Drop only: the position
  // of a broken document is simdjson's to tell.
  bool Drop(DropReason reason, std::string_view what);
  bool Fatal(simdjson::error_code error, std::string_view what);

  // Skip a value not read, or the rest of the object or array holding a value, faster than
  // On-Demand would (token_skip.h). False when the document is broken (recorded as fatal).
  bool Skip(Value& value);
  bool SkipRestOf(Value& value);

  // offer_reader.cc. The out-of-line readers take the value by reference: passed by value it is
  // rebuilt on the stack from the field's narrow stores and read back as one wide load (a
  // store-forwarding stall per call).
  bool ReadOffer(Object& object, Offer& offer);
  // offer_fast_path.cc: reads an offer as Duffel sends it straight from the token index, or
  // returns false having changed nothing On-Demand sees (the offer is then read by ReadOffer).
  bool ReadFast(Value& value, Offer& offer);
  // Reads `iata_code` of an object (aircraft).
  bool ReadIataCode(Value& value, std::string_view& code, std::string_view what, Want want);
  // Reads a carrier object (owner, marketing and operating carrier): its `iata_code` into `code`
  // and, unless carrier_names_ has one for the code already, its `name`, interned into `name`.
  bool ReadCarrier(Value& value, std::string_view& code, std::string_view& name,
                   std::string_view what, Want want);
  // Reads an element of a list of typed things: its `type` text and the integer under
  // `number_key` (a baggage's `quantity`, a passenger's `age`), both optional; other fields are
  // skipped. `what` names the element in drop details.
  Found ReadTypedNumber(Value& value, std::string_view what, std::string_view& type,
                        std::string_view number_key, std::optional<int64_t>& number);

  // itinerary_reader.cc
  bool ReadSlices(Value& value);
  bool ReadSlice(Value& value);
  bool ReadSegments(Value& value);
  bool ReadSegment(Value& value);
  // Checks and parses what a segment said and appends it to the scratch segments, folding its
  // bags into the offer's; false (a drop recorded) when the segment is unusable.
  bool FinishSegment(const SegmentTexts& t, const BagAllowance& bags, Segment& segment);
  // Reads `iata_code` and `time_zone` of an airport object (origin, destination); `what` and
  // `code_what` name the object and its code in drop details.
  bool ReadPlace(Value& value, std::string_view& code, std::string_view& zone,
                 std::string_view what, std::string_view code_what);
  bool ReadSegmentPassengers(Value& value, Segment& segment, BagAllowance& bags);
  bool ReadSegmentPassenger(Value& value, Segment& segment, BagAllowance& bags);
  bool ReadBaggages(Value& value, BagAllowance& bags);
  bool CountElements(Value& value, int16_t& count, std::string_view what);
  // Reads an optional ISO 8601 duration; leaves `minutes` at -1 when absent or unparsable.
  bool ReadDuration(Value& value, int32_t& minutes, std::string_view what);
  // The zone index of an IANA name, through a small cache: a payload names few zones.
  uint16_t Zone(std::string_view name);

  // pricing_reader.cc
  bool ReadPassengers(Value& value, PassengerCounts& counts);
  bool ReadConditions(Value& value, Conditions& conditions);
  bool ReadCondition(Value& value, Tristate& allowed, Money& penalty);
  bool ReadEmissions(Value& value, std::string_view& text);

  // offer_finish.cc: turns the collected pieces into `offer`, copying slices, segments and
  // prices into the arena.
  bool Finish(const OfferTexts& texts, const PassengerCounts& counts, Offer& offer);

  ReadFailure failure_;
  std::string_view offer_id_;
  int slice_ = -1;    // index of the slice being read
  int segment_ = -1;  // index of the segment being read, within its slice
  Scratch s_;
  std::array<ZoneEntry, 8> zones_{};
  uint32_t next_zone_ = 0;
  suppliers::CarrierNames carrier_names_;  // the names this payload gives its carriers

  // The fast path's memory of what repeats from segment to segment and offer to offer: airports,
  // carriers, and the slice's unread places and conditions (offer_fast_path.cc). Views into the
  // payload.
  struct PlaceRead {
    std::string_view code, zone;
    bool has_code = false, has_zone = false;
  };
  struct CarrierRead {
    std::string_view code;
    AirlineCode parsed;
    bool has_code = false;
  };
  suppliers::tokens::RecentReads<PlaceRead, 8> places_;
  suppliers::tokens::RecentReads<CarrierRead, 4> carriers_;
  suppliers::tokens::RecentValues<8> slice_values_;
};

}  // namespace fareflow::duffel::internal

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_
