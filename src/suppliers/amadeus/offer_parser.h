#ifndef FAREFLOW_SUPPLIERS_AMADEUS_OFFER_PARSER_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_OFFER_PARSER_H_

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
#include "suppliers/json_fields.h"

namespace fareflow::amadeus::internal {

namespace od = simdjson::ondemand;
using simdjson::error_code;

// Parses one payload. Members hold the state of the offer being read; the failure of an offer
// is recorded as (reason, path) and the offer dropped, while a broken document is recorded as a
// simdjson error that ends the whole parse.
class OfferParser {
 public:
  OfferParser(const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
              Scratch& scratch)
      : enricher_(enricher), arena_(arena), supplier_(supplier), out_(out), s_(scratch) {}

  // Parses the element `index` of `data`, then keeps it in out_ or drops and counts it. Returns
  // false only when the document is broken; fatal() and path() then say why and where.
  bool ParseOffer(od::value value, int index);

  error_code fatal() const { return fatal_; }
  const char* path() const { return path_; }

 private:
  // Records why the current offer is dropped; `leaf` is the field path below the current
  // itinerary/segment or traveler/fare detail context. Returns false so callers can
  // `return Drop(...)`.
  bool Drop(DropReason reason, std::string_view leaf);
  // Records a simdjson error met at `leaf`: value errors drop the offer, anything else is fatal.
  bool JsonError(error_code e, std::string_view leaf);

  // The readers below are inline: they run for nearly every value of every offer. Each returns
  // false after recording the failure (JsonError) when the value cannot be read.
  bool ReadStr(od::value v, std::string_view& out, std::string_view leaf) {
    if (error_code e = suppliers::ReadString(v, arena_, out)) [[unlikely]] {
      return JsonError(e, leaf);
    }
    return true;
  }
  // An identifier the specification types as a string but whose examples are numbers: accepts
  // both and yields the text as written.
  bool ReadIdText(od::value v, std::string_view& out, std::string_view leaf) {
    const std::string_view raw = v.raw_json_token();
    if (!raw.empty() && ((raw[0] >= '0' && raw[0] <= '9') || raw[0] == '-')) {
      out = TrimTrailingSpace(raw);
      return true;
    }
    return ReadStr(v, out, leaf);
  }
  bool ReadInt(od::value v, std::optional<int64_t>& out, std::string_view leaf) {
    if (error_code e = suppliers::ReadLooseInt(v, out)) [[unlikely]] {
      return JsonError(e, leaf);
    }
    return true;
  }
  bool ReadBool(od::value v, std::optional<bool>& out, std::string_view leaf);
  // Opens an object or array; `present` is false for null.
  bool OpenObject(od::value& v, od::object& obj, bool& present, std::string_view leaf) {
    const error_code e = v.get_object().get(obj);
    present = e == simdjson::SUCCESS;
    if (present) [[likely]] {
      return true;
    }
    return NullOrError(v, e, leaf);
  }
  bool OpenArray(od::value& v, od::array& arr, bool& present, std::string_view leaf) {
    const error_code e = v.get_array().get(arr);
    present = e == simdjson::SUCCESS;
    if (present) [[likely]] {
      return true;
    }
    return NullOrError(v, e, leaf);
  }
  // After `v` could not be opened with error `e`: true when it is null, otherwise JsonError.
  bool NullOrError(od::value& v, error_code e, std::string_view leaf);
  // `raw` without the white space that may follow a number token.
  static std::string_view TrimTrailingSpace(std::string_view raw) {
    while (!raw.empty() &&
           (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
      raw.remove_suffix(1);
    }
    return raw;
  }

  // The out-of-line readers take the value by reference: passed by value it is rebuilt on the
  // stack from the field's narrow stores and read back as one wide load (a store-forwarding
  // stall per call).
  bool ParseItineraries(od::value& v);
  bool ParseItinerary(od::value& v);
  bool ParseSegment(od::value& v);
  struct EndPoint {
    bool present = false;
    bool has_at = false;
    LocationCode code;
    std::string_view terminal;
    Minutes at = 0;
  };
  bool ParseEndPoint(od::value& v, EndPoint& ep, bool departure);
  bool ParseCo2(od::value& v, SegmentExtra& extra);
  // The `aircraft` and `operating` objects of a segment.
  bool ParseAircraft(od::value& v, Segment& seg);
  bool ParseOperating(od::value& v, Segment& seg);
  bool ParsePrice(od::value& v);
  bool ParseTravelerPricings(od::value& v);
  bool ParseTraveler(od::value& v, uint16_t t);
  // `full` is false when an earlier traveler already describes the segments: only the
  // segment reference is then read (and checked).
  bool ParseFareDetail(od::value& v, uint16_t t, uint16_t k, bool full);
  bool ParseBags(od::value& v, SegmentBags& bags, bool checked);
  bool ParseValidatingCarriers(od::value& v);
  bool ParsePricingOptions(od::value& v);
  // Checks the required fields, resolves fare details and builds the offer in the arena.
  bool Finish(Offer& offer);
  void CommitDrop(int index);

  const Enricher& enricher_;
  Arena& arena_;
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

  // Where the reader is, for failure paths: -1 when outside.
  int itinerary_ = -1;
  int segment_ = -1;
  int traveler_ = -1;
  int fare_detail_ = -1;

  DropReason reason_ = DropReason::kMissingField;
  error_code fatal_ = simdjson::SUCCESS;
  char path_[160] = {};
};

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_OFFER_PARSER_H_
