#ifndef FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/arena.h"
#include "model/offer.h"
#include "model/offer_batch.h"
#include "suppliers/json_fields.h"

namespace fareflow::duffel {

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
// unknown fields are skipped, so older (2021) and newer (v2) responses both parse. Nullable
// fields (terminals, operating carrier and flight number, aircraft, durations, fare brand,
// conditions, emissions, fare basis) read as "unknown"; optional fields of an unexpected type are
// ignored. Required fields — `id`, `slices` (each with `segments`), each segment's
// `origin.iata_code`, `destination.iata_code`, `departing_at`, `arriving_at`,
// `marketing_carrier.iata_code` and `marketing_carrier_flight_number`, and `total_amount` with
// `total_currency` — make the offer dropped when absent or null (kMissingField), of the wrong
// JSON type (kWrongType) or unusable (kBadValue); an empty `slices` or `segments` array is
// kInconsistent.
//
// One reader serves one payload. It keeps scratch buffers reused across the payload's offers, so
// reading an offer allocates nothing but its final, exactly sized arrays in the arena. Not
// thread-safe.
//
// Lifetimes: string views in the offers point into the payload bytes (or into `arena` when the
// JSON string holds an escape sequence); slices, segments and passenger prices live in `arena`,
// which must outlive the reader's offers. Only the supplier's fields are filled: `supplier` and
// every derived field are left to the caller and the Enricher.
class OfferReader {
 public:
  explicit OfferReader(Arena& arena);
  OfferReader(const OfferReader&) = delete;
  OfferReader& operator=(const OfferReader&) = delete;

  // Reads one offer into `offer`, which should be freshly value-initialised. Returns true when
  // the offer is complete. Returns false when it must be dropped — the rest of the element has
  // then been skipped, so the caller can go on with the next sibling — or when the JSON is broken
  // (failure().fatal is set and the caller must stop).
  bool Read(simdjson::ondemand::value value, Offer& offer);
  // The same for an object already opened (and rewound) by the caller.
  bool Read(simdjson::ondemand::object& object, Offer& offer);

  // Why the last Read returned false.
  const ReadFailure& failure() const { return failure_; }

  // Describes the last drop for logs: "offer off_123 (#4): /slices/0/segments/1/departing_at".
  // `index` is the offer's position in the payload.
  std::string DescribeFailure(int index) const;

  // The `id` of the last offer read, as far as it was read (possibly empty), also after a drop.
  // Lives as long as the payload (or the arena).
  std::string_view offer_id() const { return offer_id_; }

 private:
  // What a reading helper found.
  enum class Got : uint8_t { kValue, kNull, kFailed };

  // A slice being read, and where its segments sit in `segments_`.
  struct SliceDraft {
    Slice slice;
    uint32_t first_segment = 0;
    uint32_t segment_count = 0;
  };

  // Offer-level strings that can only be interpreted once every field has been seen (an amount
  // needs its currency, which may come after it).
  struct OfferTexts {
    std::string_view total_amount;
    std::string_view total_currency;
    std::string_view base_amount;
    std::string_view base_currency;
    std::string_view emissions_kg;
    bool saw_slices = false;
  };

  struct PassengerCounts {
    int16_t adults = 0;
    int16_t children = 0;
    int16_t infants = 0;  // infants without a seat
  };

  // One remembered time zone look-up.
  struct ZoneEntry {
    std::string_view name;
    uint16_t zone = kNoTimeZone;
  };

  // Records why reading stops and returns false. The first failure of an offer wins (later ones
  // are symptoms); a fatal error always wins.
  bool Drop(DropReason reason, std::string_view what);
  bool Fatal(simdjson::error_code error);
  // Maps a simdjson error met while reading `what`: a value of the wrong type or an unusable
  // number drops the offer, anything else means broken JSON.
  bool Fail(simdjson::error_code error, std::string_view what);

  // Readers of one JSON value. `strict`: a value of another type (null aside) drops the offer;
  // otherwise it counts as null. Null yields kNull and leaves the output empty.
  // Inline: it runs for nearly every string of every offer. A non-empty string is the common
  // case; "", null, other types and errors go through StringSlow.
  Got String(simdjson::ondemand::value value, std::string_view& out, std::string_view what,
             bool strict) {
    const simdjson::error_code error = suppliers::ReadString(value, arena_, out);
    if (error == simdjson::SUCCESS && !out.empty()) [[likely]] {
      return Got::kValue;
    }
    return StringSlow(value, error, out, what, strict);
  }
  // The rest of String, given what ReadString returned.
  Got StringSlow(simdjson::ondemand::value value, simdjson::error_code error, std::string_view& out,
                 std::string_view what, bool strict);
  // Inline too: an object or array that opens is the common case (an object or array that
  // cannot be opened fails with another error than INCORRECT_TYPE); null, other types and errors
  // go through OpenFailed.
  Got Object(simdjson::ondemand::value value, simdjson::ondemand::object& out,
             std::string_view what, bool strict) {
    const simdjson::error_code opened = value.get_object().get(out);
    if (opened == simdjson::SUCCESS) [[likely]] {
      return Got::kValue;
    }
    return OpenFailed(value, opened, what, strict);
  }
  Got Array(simdjson::ondemand::value value, simdjson::ondemand::array& out, std::string_view what,
            bool strict) {
    const simdjson::error_code opened = value.get_array().get(out);
    if (opened == simdjson::SUCCESS) [[likely]] {
      return Got::kValue;
    }
    return OpenFailed(value, opened, what, strict);
  }
  // The rest of Object and Array, given the error of opening `value`.
  Got OpenFailed(simdjson::ondemand::value value, simdjson::error_code opened,
                 std::string_view what, bool strict);

  bool ReadOffer(simdjson::ondemand::object& object, Offer& offer);
  // The out-of-line readers take the value by reference: passed by value it is rebuilt on the
  // stack from the field's narrow stores and read back as one wide load (a store-forwarding
  // stall per call).
  bool ReadSlices(simdjson::ondemand::value& value);
  bool ReadSlice(simdjson::ondemand::value& value);
  bool ReadSegments(simdjson::ondemand::value& value);
  bool ReadSegment(simdjson::ondemand::value& value);
  // Reads `iata_code` and `time_zone` of an airport object (origin, destination); `what` and
  // `code_what` name the object and its code in drop details.
  bool ReadPlace(simdjson::ondemand::value& value, std::string_view& code, std::string_view& zone,
                 std::string_view what, std::string_view code_what);
  // Reads `iata_code` of an object (carriers, aircraft).
  bool ReadIataCode(simdjson::ondemand::value& value, std::string_view& code, std::string_view what,
                    bool strict);
  bool ReadSegmentPassengers(simdjson::ondemand::value& value, Segment& segment, BagAllowance& bags);
  bool ReadSegmentPassenger(simdjson::ondemand::value& value, Segment& segment, BagAllowance& bags);
  bool ReadBaggages(simdjson::ondemand::value& value, BagAllowance& bags);
  bool ReadPassengers(simdjson::ondemand::value& value, PassengerCounts& counts);
  bool ReadConditions(simdjson::ondemand::value& value, Conditions& conditions);
  bool ReadCondition(simdjson::ondemand::value& value, Tristate& allowed, Money& penalty);
  // Reads an optional ISO 8601 duration; leaves `minutes` at -1 when absent or unparsable.
  bool ReadDuration(simdjson::ondemand::value& value, int32_t& minutes, std::string_view what);
  bool ReadEmissions(simdjson::ondemand::value& value, std::string_view& text);
  bool CountElements(simdjson::ondemand::value& value, int16_t& count, std::string_view what);

  // Turns the collected pieces into `offer`, copying slices, segments and prices into the arena.
  bool Finish(const OfferTexts& texts, const PassengerCounts& counts, Offer& offer);

  // The zone index of an IANA name, through a small cache: a payload names few zones.
  uint16_t Zone(std::string_view name);

  Arena& arena_;
  ReadFailure failure_;
  std::string_view offer_id_;
  int slice_ = -1;                  // index of the slice being read
  int segment_ = -1;                // index of the segment being read, within its slice
  std::vector<Segment> segments_;   // scratch: the offer's segments, all slices in order
  std::vector<SliceDraft> slices_;  // scratch: the offer's slices
  BagAllowance bags_;               // least generous allowance over the segments read so far
  bool any_bags_ = false;           // false until the first segment's allowance is folded in
  std::array<ZoneEntry, 8> zones_{};
  uint32_t next_zone_ = 0;
};

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_OFFER_READER_H_
