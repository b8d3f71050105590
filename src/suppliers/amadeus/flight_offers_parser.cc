#include "suppliers/amadeus/flight_offers_parser.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/money.h"
#include "model/cabin.h"
#include "model/offer.h"
#include "refdata/currencies.h"
#include "suppliers/json_fields.h"

namespace fareflow::amadeus {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

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

  void Clear() {
    segments.clear();
    extras.clear();
    itineraries.clear();
    fare_details.clear();
    slices.clear();
    traveler_count = 0;
  }
};

// True for errors that concern one value only and leave the document iterator usable.
bool IsValueError(error_code e) {
  return e == simdjson::INCORRECT_TYPE || e == simdjson::NUMBER_OUT_OF_RANGE;
}

int16_t ClampInt16(int64_t v) { return static_cast<int16_t>(std::clamp<int64_t>(v, 0, INT16_MAX)); }

// Pounds to whole kilograms, rounded to nearest (50 LB -> 23 kg); exact integer arithmetic.
int64_t PoundsToKg(int64_t lb) { return (lb * 45'359'237 + 50'000'000) / 100'000'000; }

// Weight unit as Amadeus writes it ("KG", "LB"; tolerating "KGS", "LBS", lower case). nullopt
// for anything else.
std::optional<bool> IsPounds(std::string_view unit) {
  if (unit.empty()) return false;  // the unit defaults to kilograms
  const char c = unit[0];
  if (c == 'K' || c == 'k') return false;
  if (c == 'L' || c == 'l') return true;
  return std::nullopt;
}

bool IsFlightNumber(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;
  }
  return true;
}

// Amadeus's TravelClass spellings first (no per-character case folding on the hot path), then
// any spelling ParseCabin accepts; kUnknown for anything else.
Cabin ToCabin(std::string_view s) {
  if (s == "ECONOMY") return Cabin::kEconomy;
  if (s == "BUSINESS") return Cabin::kBusiness;
  if (s == "PREMIUM_ECONOMY") return Cabin::kPremiumEconomy;
  if (s == "FIRST") return Cabin::kFirst;
  return ParseCabin(s).value_or(Cabin::kUnknown);
}

std::optional<PassengerType> ParseTravelerType(std::string_view s, bool& adult_like) {
  adult_like = false;
  if (s == "ADULT" || s == "SENIOR" || s == "YOUNG" || s == "STUDENT") {
    adult_like = true;
    return PassengerType::kAdult;
  }
  if (s == "CHILD") return PassengerType::kChild;
  if (s == "HELD_INFANT" || s == "SEATED_INFANT") return PassengerType::kInfant;
  return std::nullopt;
}

// Parses one payload. Members hold the state of the offer being read; the failure of an offer
// is recorded as (reason, path) and the offer dropped, while a broken document is recorded as a
// simdjson error that ends the whole parse.
class Parser {
 public:
  Parser(const Enricher& enricher, Arena& arena, uint16_t supplier, OfferBatch& out,
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

  bool ReadStr(od::value v, std::string_view& out, std::string_view leaf);
  // An identifier the specification types as a string but whose examples are numbers: accepts
  // both and yields the text as written.
  bool ReadIdText(od::value v, std::string_view& out, std::string_view leaf);
  bool ReadInt(od::value v, std::optional<int64_t>& out, std::string_view leaf);
  bool ReadBool(od::value v, std::optional<bool>& out, std::string_view leaf);
  // Opens an object or array; `present` is false for null.
  bool OpenObject(od::value& v, od::object& obj, bool& present, std::string_view leaf);
  bool OpenArray(od::value& v, od::array& arr, bool& present, std::string_view leaf);

  bool ParseItineraries(od::value v);
  bool ParseItinerary(od::value v);
  bool ParseSegment(od::value v);
  struct EndPoint {
    bool present = false;
    bool has_at = false;
    LocationCode code;
    std::string_view terminal;
    Minutes at = 0;
  };
  bool ParseEndPoint(od::value v, EndPoint& ep, bool departure);
  bool ParseCo2(od::value v, SegmentExtra& extra);
  bool ParsePrice(od::value v);
  bool ParseTravelerPricings(od::value v);
  bool ParseTraveler(od::value v, uint16_t t);
  // `full` is false when an earlier traveler already describes the segments: only the
  // segment reference is then read (and checked).
  bool ParseFareDetail(od::value v, uint16_t t, uint16_t k, bool full);
  bool ParseBags(od::value v, SegmentBags& bags, bool checked);
  bool ParseValidatingCarriers(od::value v);
  bool ParsePricingOptions(od::value v);
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

bool Parser::Drop(DropReason reason, std::string_view leaf) {
  reason_ = reason;
  int n = 0;
  const int cap = static_cast<int>(sizeof(path_));
  if (itinerary_ >= 0) {
    n += std::snprintf(path_ + n, sizeof(path_) - n, "/itineraries/%d", itinerary_);
    if (segment_ >= 0 && n < cap) {
      n += std::snprintf(path_ + n, sizeof(path_) - n, "/segments/%d", segment_);
    }
  } else if (traveler_ >= 0) {
    n += std::snprintf(path_ + n, sizeof(path_) - n, "/travelerPricings/%d", traveler_);
    if (fare_detail_ >= 0 && n < cap) {
      n += std::snprintf(path_ + n, sizeof(path_) - n, "/fareDetailsBySegment/%d", fare_detail_);
    }
  }
  if (n < cap) {
    std::snprintf(path_ + n, sizeof(path_) - n, "/%.*s", static_cast<int>(leaf.size()),
                  leaf.data());
  }
  return false;
}

bool Parser::JsonError(error_code e, std::string_view leaf) {
  if (IsValueError(e)) {
    return Drop(e == simdjson::INCORRECT_TYPE ? DropReason::kWrongType : DropReason::kBadValue,
                leaf);
  }
  fatal_ = e;
  Drop(DropReason::kMissingField, leaf);  // only to record the path
  return false;
}

bool Parser::ReadStr(od::value v, std::string_view& out, std::string_view leaf) {
  if (error_code e = suppliers::ReadString(v, arena_, out)) return JsonError(e, leaf);
  return true;
}

bool Parser::ReadIdText(od::value v, std::string_view& out, std::string_view leaf) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return JsonError(e, leaf);
  if (type != od::json_type::number) return ReadStr(v, out, leaf);
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  out = raw;
  return true;
}

bool Parser::ReadInt(od::value v, std::optional<int64_t>& out, std::string_view leaf) {
  if (error_code e = suppliers::ReadLooseInt(v, out)) return JsonError(e, leaf);
  return true;
}

bool Parser::ReadBool(od::value v, std::optional<bool>& out, std::string_view leaf) {
  bool b = false;
  error_code e = v.get_bool().get(b);
  if (e == simdjson::SUCCESS) {
    out = b;
    return true;
  }
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    out.reset();
    return true;
  }
  return JsonError(e, leaf);
}

bool Parser::OpenObject(od::value& v, od::object& obj, bool& present, std::string_view leaf) {
  error_code e = v.get_object().get(obj);
  present = e == simdjson::SUCCESS;
  if (present) return true;
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    return true;
  }
  return JsonError(e, leaf);
}

bool Parser::OpenArray(od::value& v, od::array& arr, bool& present, std::string_view leaf) {
  error_code e = v.get_array().get(arr);
  present = e == simdjson::SUCCESS;
  if (present) return true;
  bool is_null = false;
  if (e == simdjson::INCORRECT_TYPE && v.is_null().get(is_null) == simdjson::SUCCESS && is_null) {
    return true;
  }
  return JsonError(e, leaf);
}

bool Parser::ParseOffer(od::value value, int index) {
  s_.Clear();
  id_ = {};
  validating_ = AirlineCode();
  itineraries_seen_ = price_seen_ = false;
  grand_total_ = total_ = base_ = currency_ = {};
  seats_ = kUnknownCount;
  refundable_ = false;
  adult_seen_ = false;
  itinerary_ = segment_ = traveler_ = fare_detail_ = -1;

  od::object obj;
  bool present = false;
  bool ok = OpenObject(value, obj, present, "");
  if (ok && !present) ok = Drop(DropReason::kWrongType, "");
  if (ok) {
    for (auto field_result : obj) {
      od::field field;
      if (error_code e = std::move(field_result).get(field)) {
        fatal_ = e;  // a broken object, never a value error
        return false;
      }
      const od::raw_json_string key = field.key();
      od::value v = field.value();
      if (!ok) {
        // The offer is already dropped; only its id is still of interest, for the drop detail.
        // Every other value is skipped (and still checked for structure) by the iterator.
        if (id_.empty() && key == "id") {
          std::string_view id;
          if (suppliers::ReadString(v, arena_, id) == simdjson::SUCCESS) id_ = id;
        }
        continue;
      }
      if (key == "itineraries") {
        ok = ParseItineraries(v);
      } else if (key == "travelerPricings") {
        ok = ParseTravelerPricings(v);
      } else if (key == "price") {
        ok = ParsePrice(v);
      } else if (key == "id") {
        ok = ReadIdText(v, id_, "id");
      } else if (key == "validatingAirlineCodes") {
        ok = ParseValidatingCarriers(v);
      } else if (key == "numberOfBookableSeats") {
        std::optional<int64_t> seats;
        ok = ReadInt(v, seats, "numberOfBookableSeats");
        if (ok && seats && *seats >= 0) seats_ = ClampInt16(*seats);
      } else if (key == "pricingOptions") {
        ok = ParsePricingOptions(v);
      }
      if (fatal_) return false;
      if (!ok) itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
    }
  }
  if (fatal_) return false;
  if (!ok) {
    CommitDrop(index);
    return true;
  }
  Offer offer;
  if (!Finish(offer)) {
    CommitDrop(index);
    return true;
  }
  if (std::optional<DropReason> reason = enricher_.Enrich(offer, arena_)) {
    reason_ = *reason;
    std::snprintf(path_, sizeof(path_), "(enrichment)");
    CommitDrop(index);
    return true;
  }
  out_.offers.push_back(offer);
  return true;
}

void Parser::CommitDrop(int index) {
  if (!out_.first_drop_detail.empty()) {
    out_.Drop(reason_, {});  // only the first drop keeps a detail
    return;
  }
  char detail[256];
  if (!id_.empty()) {
    std::snprintf(detail, sizeof(detail), "offer %.*s: %s",
                  static_cast<int>(std::min<std::size_t>(id_.size(), 64)), id_.data(), path_);
  } else {
    std::snprintf(detail, sizeof(detail), "offer #%d: %s", index, path_);
  }
  out_.Drop(reason_, detail);
}

bool Parser::ParseItineraries(od::value v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "itineraries")) return false;
  if (!present) return true;  // null: reported as missing by Finish
  itineraries_seen_ = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "itineraries");
    if (s_.itineraries.size() == kMaxItineraries) {
      return Drop(DropReason::kBadValue, "itineraries (more than 250)");
    }
    itinerary_ = static_cast<int>(s_.itineraries.size());
    if (!ParseItinerary(item)) return false;
  }
  itinerary_ = -1;
  return true;
}

bool Parser::ParseItinerary(od::value v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  Itinerary& itinerary = s_.itineraries.emplace_back();
  itinerary.first_segment = static_cast<uint32_t>(s_.segments.size());
  bool segments_seen = false;
  int32_t duration = -1;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "segments") {
      od::array arr;
      if (!OpenArray(fv, arr, segments_seen, "segments")) return false;
      if (!segments_seen) continue;
      for (auto element : arr) {
        od::value item;
        if (error_code e = element.get(item)) return JsonError(e, "segments");
        const std::size_t count = s_.segments.size() - itinerary.first_segment;
        if (count == kMaxSegmentsPerItinerary) {
          return Drop(DropReason::kBadValue, "segments (more than 9)");
        }
        segment_ = static_cast<int>(count);
        if (!ParseSegment(item)) return false;
      }
      segment_ = -1;
    } else if (key == "duration") {
      std::string_view text;
      if (!ReadStr(fv, text, "duration")) return false;
      if (std::optional<int32_t> d = ParseIsoDuration(text)) duration = *d;
    }
  }
  itinerary.segment_count = static_cast<uint32_t>(s_.segments.size() - itinerary.first_segment);
  itinerary.duration_minutes = duration;
  if (!segments_seen) return Drop(DropReason::kMissingField, "segments");
  if (itinerary.segment_count == 0) return Drop(DropReason::kInconsistent, "segments (empty)");
  return true;
}

bool Parser::ParseEndPoint(od::value v, EndPoint& ep, bool departure) {
  od::object obj;
  if (!OpenObject(v, obj, ep.present, departure ? "departure" : "arrival")) return false;
  if (!ep.present) return true;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "iataCode") {
      const std::string_view leaf = departure ? "departure/iataCode" : "arrival/iataCode";
      std::string_view text;
      if (!ReadStr(fv, text, leaf)) return false;
      if (text.empty()) continue;
      ep.code = LocationCode::Parse(text);
      if (!ep.code.valid()) return Drop(DropReason::kBadValue, leaf);
    } else if (key == "at") {
      const std::string_view leaf = departure ? "departure/at" : "arrival/at";
      std::string_view text;
      if (!ReadStr(fv, text, leaf)) return false;
      if (text.empty()) continue;
      std::optional<Minutes> at = ParseLocalDateTime(text);
      if (!at) return Drop(DropReason::kBadValue, leaf);
      ep.at = *at;
      ep.has_at = true;
    } else if (key == "terminal") {
      if (!ReadIdText(fv, ep.terminal, departure ? "departure/terminal" : "arrival/terminal")) {
        return false;
      }
    }
  }
  return true;
}

bool Parser::ParseCo2(od::value v, SegmentExtra& extra) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "co2Emissions")) return false;
  if (!present) return true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "co2Emissions");
    if (extra.co2_grams >= 0) continue;  // the first figure is the segment's
    od::object obj;
    bool obj_present = false;
    if (!OpenObject(item, obj, obj_present, "co2Emissions")) return false;
    if (!obj_present) continue;
    std::optional<int64_t> weight;
    std::string_view unit;
    for (auto field_result : obj) {
      od::field field;
      if (error_code e = std::move(field_result).get(field)) return JsonError(e, "co2Emissions");
      const od::raw_json_string key = field.key();
      od::value fv = field.value();
      if (key == "weight") {
        if (!ReadInt(fv, weight, "co2Emissions/weight")) return false;
      } else if (key == "weightUnit") {
        if (!ReadStr(fv, unit, "co2Emissions/weightUnit")) return false;
      }
    }
    std::optional<bool> pounds = IsPounds(unit);
    if (!weight || *weight < 0 || *weight > 10'000'000 || !pounds) continue;
    extra.co2_grams = *pounds ? (*weight * 45'359'237 + 50'000) / 100'000 : *weight * 1000;
  }
  return true;
}

bool Parser::ParseSegment(od::value v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  const std::size_t at = s_.segments.size();
  s_.segments.emplace_back();
  s_.extras.emplace_back();
  Segment& seg = s_.segments[at];
  SegmentExtra& extra = s_.extras[at];
  EndPoint dep;
  EndPoint arr;
  std::string_view carrier;
  bool operating_present = false;
  std::string_view operating_carrier;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "departure") {
      if (!ParseEndPoint(fv, dep, true)) return false;
    } else if (key == "arrival") {
      if (!ParseEndPoint(fv, arr, false)) return false;
    } else if (key == "carrierCode") {
      if (!ReadStr(fv, carrier, "carrierCode")) return false;
      if (carrier.empty()) continue;
      seg.marketing_carrier = AirlineCode::Parse(carrier);
      if (!seg.marketing_carrier.valid()) return Drop(DropReason::kBadValue, "carrierCode");
    } else if (key == "number") {
      if (!ReadIdText(fv, seg.marketing_flight_number, "number")) return false;
      if (!seg.marketing_flight_number.empty() && !IsFlightNumber(seg.marketing_flight_number)) {
        return Drop(DropReason::kBadValue, "number");
      }
    } else if (key == "duration") {
      std::string_view text;
      if (!ReadStr(fv, text, "duration")) return false;
      if (std::optional<int32_t> d = ParseIsoDuration(text)) seg.supplier_duration_minutes = *d;
    } else if (key == "id") {
      if (!ReadIdText(fv, seg.supplier_segment_id, "id")) return false;
    } else if (key == "aircraft") {
      od::object aircraft;
      bool aircraft_present = false;
      if (!OpenObject(fv, aircraft, aircraft_present, "aircraft")) return false;
      if (!aircraft_present) continue;
      for (auto af : aircraft) {
        od::field f;
        if (error_code e = std::move(af).get(f)) return JsonError(e, "aircraft");
        if (f.key() == "code" && !ReadIdText(f.value(), seg.aircraft_code, "aircraft/code")) {
          return false;
        }
      }
    } else if (key == "operating") {
      od::object operating;
      if (!OpenObject(fv, operating, operating_present, "operating")) return false;
      if (!operating_present) continue;
      for (auto of : operating) {
        od::field f;
        if (error_code e = std::move(of).get(f)) return JsonError(e, "operating");
        const od::raw_json_string okey = f.key();
        if (okey == "carrierCode") {
          if (!ReadStr(f.value(), operating_carrier, "operating/carrierCode")) return false;
          if (operating_carrier.empty()) continue;
          seg.operating_carrier = AirlineCode::Parse(operating_carrier);
          if (!seg.operating_carrier.valid()) {
            return Drop(DropReason::kBadValue, "operating/carrierCode");
          }
        } else if (okey == "number") {
          if (!ReadIdText(f.value(), seg.operating_flight_number, "operating/number")) {
            return false;
          }
        }
      }
    } else if (key == "numberOfStops") {
      std::optional<int64_t> stops;
      if (!ReadInt(fv, stops, "numberOfStops")) return false;
      if (stops && *stops >= 0) seg.technical_stops = ClampInt16(*stops);
    } else if (key == "co2Emissions") {
      if (!ParseCo2(fv, extra)) return false;
    }
  }
  if (!dep.present) return Drop(DropReason::kMissingField, "departure");
  if (!dep.code.valid()) return Drop(DropReason::kMissingField, "departure/iataCode");
  if (!dep.has_at) return Drop(DropReason::kMissingField, "departure/at");
  if (!arr.present) return Drop(DropReason::kMissingField, "arrival");
  if (!arr.code.valid()) return Drop(DropReason::kMissingField, "arrival/iataCode");
  if (!arr.has_at) return Drop(DropReason::kMissingField, "arrival/at");
  if (!seg.marketing_carrier.valid()) return Drop(DropReason::kMissingField, "carrierCode");
  if (seg.marketing_flight_number.empty()) return Drop(DropReason::kMissingField, "number");
  seg.origin = dep.code;
  seg.destination = arr.code;
  seg.origin_terminal = dep.terminal;
  seg.destination_terminal = arr.terminal;
  seg.departure_local = dep.at;
  seg.arrival_local = arr.at;
  if (!seg.operating_carrier.valid()) {
    // No operating block (or one without a carrier): the marketing carrier flies it.
    seg.operating_carrier = seg.marketing_carrier;
    if (seg.operating_flight_number.empty()) {
      seg.operating_flight_number = seg.marketing_flight_number;
    }
  } else if (seg.operating_carrier == seg.marketing_carrier &&
             seg.operating_flight_number.empty()) {
    seg.operating_flight_number = seg.marketing_flight_number;
  }
  return true;
}

bool Parser::ParsePrice(od::value v) {
  od::object obj;
  if (!OpenObject(v, obj, price_seen_, "price")) return false;
  if (!price_seen_) return true;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "price");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "grandTotal") {
      if (!ReadStr(fv, grand_total_, "price/grandTotal")) return false;
    } else if (key == "total") {
      if (!ReadStr(fv, total_, "price/total")) return false;
    } else if (key == "base") {
      if (!ReadStr(fv, base_, "price/base")) return false;
    } else if (key == "currency") {
      if (!ReadStr(fv, currency_, "price/currency")) return false;
    }
  }
  return true;
}

bool Parser::ParseValidatingCarriers(od::value v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "validatingAirlineCodes")) return false;
  if (!present) return true;
  bool first = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "validatingAirlineCodes");
    if (!first) continue;  // only the first one is the validating carrier
    first = false;
    std::string_view code;
    if (!ReadStr(item, code, "validatingAirlineCodes/0")) return false;
    validating_ = AirlineCode::Parse(code);  // may stay invalid
  }
  return true;
}

bool Parser::ParsePricingOptions(od::value v) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "pricingOptions")) return false;
  if (!present) return true;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "pricingOptions");
    if (field.key() == "refundableFare") {
      std::optional<bool> refundable;
      if (!ReadBool(field.value(), refundable, "pricingOptions/refundableFare")) return false;
      refundable_ = refundable.value_or(false);
    }
  }
  return true;
}

bool Parser::ParseTravelerPricings(od::value v) {
  od::array arr;
  bool present = false;
  if (!OpenArray(v, arr, present, "travelerPricings")) return false;
  if (!present) return true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) return JsonError(e, "travelerPricings");
    if (s_.traveler_count == kMaxTravelers) {
      return Drop(DropReason::kBadValue, "travelerPricings (more than 18)");
    }
    const auto t = static_cast<uint16_t>(s_.traveler_count++);
    s_.travelers[t] = Traveler();
    traveler_ = t;
    if (!ParseTraveler(item, t)) return false;
    adult_seen_ = adult_seen_ || s_.travelers[t].adult_like;
  }
  traveler_ = -1;
  return true;
}

bool Parser::ParseTraveler(od::value v, uint16_t t) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  Traveler& traveler = s_.travelers[t];
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "fareDetailsBySegment") {
      // Segment fares, brands and bags come from the first adult; later travelers' details
      // repeat them per passenger and are skipped unread (On-Demand skips by structure only).
      if (adult_seen_) continue;
      od::array arr;
      bool arr_present = false;
      if (!OpenArray(fv, arr, arr_present, "fareDetailsBySegment")) return false;
      if (!arr_present) continue;
      uint16_t k = 0;
      for (auto element : arr) {
        od::value item;
        if (error_code e = element.get(item)) return JsonError(e, "fareDetailsBySegment");
        if (k == UINT16_MAX) return Drop(DropReason::kBadValue, "fareDetailsBySegment");
        fare_detail_ = k;
        if (!ParseFareDetail(item, t, k++, !adult_seen_)) return false;
      }
      fare_detail_ = -1;
    } else if (key == "travelerType") {
      std::string_view type;
      if (!ReadStr(fv, type, "travelerType")) return false;
      if (type.empty()) continue;
      std::optional<PassengerType> parsed = ParseTravelerType(type, traveler.adult_like);
      if (!parsed) return Drop(DropReason::kBadValue, "travelerType");
      traveler.type = *parsed;
      traveler.type_known = true;
    } else if (key == "price") {
      od::object price;
      bool price_present = false;
      if (!OpenObject(fv, price, price_present, "price")) return false;
      if (!price_present) continue;
      for (auto pf : price) {
        od::field f;
        if (error_code e = std::move(pf).get(f)) return JsonError(e, "price");
        const od::raw_json_string pkey = f.key();
        if (pkey == "total") {
          if (!ReadStr(f.value(), traveler.total, "price/total")) return false;
        } else if (pkey == "currency") {
          if (!ReadStr(f.value(), traveler.currency, "price/currency")) return false;
        }
      }
    }
  }
  if (!traveler.type_known) return Drop(DropReason::kMissingField, "travelerType");
  return true;
}

bool Parser::ParseFareDetail(od::value v, uint16_t t, uint16_t k, bool full) {
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, "")) return false;
  if (!present) return Drop(DropReason::kMissingField, "");
  FareDetail& detail = s_.fare_details.emplace_back();
  detail.traveler = t;
  detail.index = k;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, "");
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "segmentId") {
      if (!ReadIdText(fv, detail.segment_id, "segmentId")) return false;
    } else if (!full) {
      continue;
    } else if (key == "cabin") {
      std::string_view cabin;
      if (!ReadStr(fv, cabin, "cabin")) return false;
      detail.cabin = ToCabin(cabin);
    } else if (key == "class") {
      if (!ReadStr(fv, detail.booking_class, "class")) return false;
    } else if (key == "fareBasis") {
      if (!ReadStr(fv, detail.fare_basis, "fareBasis")) return false;
    } else if (key == "brandedFare") {
      if (!ReadStr(fv, detail.branded_fare, "brandedFare")) return false;
    } else if (key == "brandedFareLabel") {
      if (!ReadStr(fv, detail.branded_fare_label, "brandedFareLabel")) return false;
    } else if (key == "includedCheckedBags") {
      if (!ParseBags(fv, detail.bags, true)) return false;
    } else if (key == "includedCabinBags") {
      if (!ParseBags(fv, detail.bags, false)) return false;
    }
    // "amenities" (observed, not specified) and everything else are skipped unread.
  }
  if (detail.segment_id.empty()) return Drop(DropReason::kMissingField, "segmentId");
  return true;
}

bool Parser::ParseBags(od::value v, SegmentBags& bags, bool checked) {
  const std::string_view leaf = checked ? "includedCheckedBags" : "includedCabinBags";
  od::object obj;
  bool present = false;
  if (!OpenObject(v, obj, present, leaf)) return false;
  if (!present) return true;
  std::optional<int64_t> quantity;
  std::optional<int64_t> weight;
  std::string_view unit;
  for (auto field_result : obj) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) return JsonError(e, leaf);
    const od::raw_json_string key = field.key();
    od::value fv = field.value();
    if (key == "quantity") {
      if (!ReadInt(fv, quantity, leaf)) return false;
    } else if (key == "weight") {
      if (!ReadInt(fv, weight, leaf)) return false;
    } else if (key == "weightUnit") {
      if (!ReadStr(fv, unit, leaf)) return false;
    }
  }
  if (!checked) {
    if (quantity && *quantity >= 0) {
      bags.cabin_stated = true;
      bags.cabin_pieces = ClampInt16(*quantity);
    }
    return true;
  }
  if (quantity && *quantity >= 0) {
    bags.checked_stated = true;
    bags.checked_pieces = ClampInt16(*quantity);
  }
  if (weight && *weight >= 0) {
    if (std::optional<bool> pounds = IsPounds(unit)) {
      bags.checked_stated = true;
      bags.checked_kg = ClampInt16(*pounds ? PoundsToKg(*weight) : *weight);
    }
  }
  return true;
}

// Folds the allowances of every segment into the least generous one. A segment that states
// "nothing included" (0 pieces, or 0 kg without pieces) makes the whole offer include nothing;
// otherwise a segment that states nothing makes the allowance unknown; otherwise the smallest
// piece count and the smallest weight win.
BagAllowance LeastGenerous(std::span<const SegmentExtra> extras) {
  BagAllowance bags;
  bool checked_none = false;
  bool checked_unknown = false;
  bool cabin_unknown = false;
  for (const SegmentExtra& x : extras) {
    const SegmentBags& b = x.bags;
    if (!b.checked_stated) {
      checked_unknown = true;
    } else if (b.checked_pieces == 0 || (b.checked_pieces < 0 && b.checked_kg == 0)) {
      checked_none = true;
    } else {
      if (b.checked_pieces > 0 &&
          (bags.checked_pieces < 0 || b.checked_pieces < bags.checked_pieces)) {
        bags.checked_pieces = b.checked_pieces;
      }
      if (b.checked_kg > 0 &&
          (bags.checked_weight_kg < 0 || b.checked_kg < bags.checked_weight_kg)) {
        bags.checked_weight_kg = b.checked_kg;
      }
    }
    if (!b.cabin_stated) {
      cabin_unknown = true;
    } else if (bags.cabin_pieces < 0 || b.cabin_pieces < bags.cabin_pieces) {
      bags.cabin_pieces = b.cabin_pieces;
    }
  }
  if (checked_none) {
    bags.checked_pieces = 0;
    bags.checked_weight_kg = kUnknownCount;
  } else if (checked_unknown) {
    bags.checked_pieces = kUnknownCount;
    bags.checked_weight_kg = kUnknownCount;
  }
  if (cabin_unknown && bags.cabin_pieces != 0) bags.cabin_pieces = kUnknownCount;
  return bags;
}

bool Parser::Finish(Offer& offer) {
  itinerary_ = segment_ = traveler_ = fare_detail_ = -1;
  if (id_.empty()) return Drop(DropReason::kMissingField, "id");
  if (!itineraries_seen_) return Drop(DropReason::kMissingField, "itineraries");
  if (s_.itineraries.empty()) return Drop(DropReason::kInconsistent, "itineraries (empty)");
  if (!price_seen_) return Drop(DropReason::kMissingField, "price");
  if (currency_.empty()) return Drop(DropReason::kMissingField, "price/currency");
  const CurrencyCode currency = CurrencyCode::Parse(currency_);
  if (!currency.valid()) return Drop(DropReason::kBadValue, "price/currency");
  const int digits = refdata::MinorDigits(currency);
  const bool use_grand = !grand_total_.empty();
  const std::string_view total_text = use_grand ? grand_total_ : total_;
  if (total_text.empty()) return Drop(DropReason::kMissingField, "price/total");
  std::optional<int64_t> total = ParseDecimalMinor(total_text, digits);
  if (!total) return Drop(DropReason::kBadValue, use_grand ? "price/grandTotal" : "price/total");
  offer.total = Money{*total, currency};
  if (!base_.empty()) {
    std::optional<int64_t> base = ParseDecimalMinor(base_, digits);
    if (!base) return Drop(DropReason::kBadValue, "price/base");
    offer.base = Money{*base, currency};
  }

  // Fare details: every one must name a segment of the offer; those of the first adult (else
  // the first traveler) describe the segments.
  const std::size_t segment_count = s_.segments.size();
  uint16_t chosen = 0;
  for (std::size_t t = 0; t < s_.traveler_count; ++t) {
    if (s_.travelers[t].adult_like) {
      chosen = static_cast<uint16_t>(t);
      break;
    }
  }
  for (const FareDetail& d : s_.fare_details) {
    std::size_t found = segment_count;
    // Fare details usually list the segments in order: try the same position first.
    if (d.index < segment_count && s_.segments[d.index].supplier_segment_id == d.segment_id) {
      found = d.index;
    } else {
      for (std::size_t i = 0; i < segment_count; ++i) {
        if (s_.segments[i].supplier_segment_id == d.segment_id) {
          found = i;
          break;
        }
      }
    }
    if (found == segment_count) {
      traveler_ = d.traveler;
      fare_detail_ = d.index;
      return Drop(DropReason::kUnknownSegmentRef, "segmentId");
    }
    if (d.traveler != chosen) continue;
    Segment& seg = s_.segments[found];
    SegmentExtra& extra = s_.extras[found];
    if (extra.has_detail) continue;  // the first detail for a segment wins
    extra.has_detail = true;
    seg.cabin = d.cabin;
    seg.booking_class = d.booking_class;
    seg.fare_basis = d.fare_basis;
    extra.brand = d.branded_fare_label.empty() ? d.branded_fare : d.branded_fare_label;
    extra.bags = d.bags;
  }

  // Prices per passenger, grouped by type and amount; only when every traveler has a price.
  std::array<PassengerPrice, kMaxTravelers> groups;
  std::size_t group_count = 0;
  bool all_priced = s_.traveler_count > 0;
  for (std::size_t t = 0; t < s_.traveler_count && all_priced; ++t) {
    const Traveler& traveler = s_.travelers[t];
    if (traveler.total.empty()) {
      all_priced = false;
      break;
    }
    CurrencyCode c = currency;
    if (!traveler.currency.empty()) {
      c = CurrencyCode::Parse(traveler.currency);
      if (!c.valid()) {
        traveler_ = static_cast<int>(t);
        return Drop(DropReason::kBadValue, "price/currency");
      }
    }
    std::optional<int64_t> each = ParseDecimalMinor(traveler.total, refdata::MinorDigits(c));
    if (!each) {
      traveler_ = static_cast<int>(t);
      return Drop(DropReason::kBadValue, "price/total");
    }
    const Money money{*each, c};
    std::size_t g = 0;
    while (g < group_count && !(groups[g].type == traveler.type && groups[g].total_each == money)) {
      ++g;
    }
    if (g == group_count) {
      groups[g] = PassengerPrice{traveler.type, 0, money};
      ++group_count;
    }
    ++groups[g].count;
  }
  if (all_priced) {
    offer.passenger_prices = arena_.CopyArray<PassengerPrice>(
        std::span<const PassengerPrice>(groups.data(), group_count));
  }

  // Segments, slices, and what is folded over every segment.
  std::span<Segment> segments =
      arena_.CopyArray<Segment>(std::span<const Segment>(s_.segments.data(), segment_count));
  bool co2_complete = true;
  int64_t co2 = 0;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < segment_count; ++i) {
    const SegmentExtra& x = s_.extras[i];
    if (x.co2_grams < 0) {
      co2_complete = false;
    } else {
      co2 += x.co2_grams;
    }
    if (segments[i].supplier_duration_minutes > segments[longest].supplier_duration_minutes) {
      longest = i;
    }
  }
  s_.slices.resize(s_.itineraries.size());
  for (std::size_t k = 0; k < s_.itineraries.size(); ++k) {
    const Itinerary& it = s_.itineraries[k];
    Slice& slice = s_.slices[k];
    slice = Slice();
    slice.segments = segments.subspan(it.first_segment, it.segment_count);
    slice.supplier_duration_minutes = it.duration_minutes;
    for (uint32_t i = it.first_segment; i < it.first_segment + it.segment_count; ++i) {
      if (!s_.extras[i].brand.empty()) {
        slice.fare_brand = s_.extras[i].brand;
        break;
      }
    }
  }
  offer.supplier = supplier_;
  offer.supplier_offer_id = id_;
  offer.validating_carrier = validating_;
  offer.slices = arena_.CopyArray<Slice>(std::span<const Slice>(s_.slices));
  offer.cabin = segments[longest].cabin;
  offer.fare_brand = offer.slices.front().fare_brand;
  offer.bags = LeastGenerous(s_.extras);
  if (refundable_) offer.conditions.refundable = Tristate::kYes;
  if (co2_complete && co2 <= INT32_MAX) offer.supplier_co2_grams = static_cast<int32_t>(co2);
  offer.seats_available = seats_;
  return true;
}

// Reads the Amadeus error envelope and turns its first issue into an Error.
Result<void> ParseErrors(od::value v) {
  od::array arr;
  if (v.get_array().get(arr)) {
    return MakeError(ErrorCode::kMalformed, "amadeus error envelope: errors is not an array");
  }
  std::optional<int64_t> status;
  std::optional<int64_t> code;
  std::string title;
  std::string detail;
  std::string field;
  bool first = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) {
      return MakeError(ErrorCode::kMalformed,
                       std::string("amadeus error envelope: ") + simdjson::error_message(e));
    }
    if (!first) continue;
    first = false;
    od::object obj;
    if (item.get_object().get(obj)) continue;
    for (auto field_result : obj) {
      od::field f;
      if (error_code e = std::move(field_result).get(f)) {
        return MakeError(ErrorCode::kMalformed,
                         std::string("amadeus error envelope: ") + simdjson::error_message(e));
      }
      const od::raw_json_string key = f.key();
      std::string_view text;
      if (key == "status") {
        suppliers::ReadLooseInt(f.value(), status);
      } else if (key == "code") {
        suppliers::ReadLooseInt(f.value(), code);
      } else if (key == "title") {
        if (!f.value().get_string().get(text)) title = text;
      } else if (key == "detail") {
        if (!f.value().get_string().get(text)) detail = text;
      } else if (key == "source") {
        od::object source;
        if (f.value().get_object().get(source)) continue;
        for (auto sf : source) {
          od::field s;
          if (std::move(sf).get(s)) break;
          const od::raw_json_string skey = s.key();
          if ((skey == "parameter" || skey == "pointer") && field.empty() &&
              !s.value().get_string().get(text)) {
            field = text;
          }
        }
      }
    }
  }
  if (first) return MakeError(ErrorCode::kUnsupported, "amadeus error: (no detail)");
  std::string message = "amadeus error ";
  message += code ? std::to_string(*code) : (status ? std::to_string(*status) : "?");
  message += ' ';
  message += title;
  message += ": ";
  message += detail;
  const bool client_error = status && *status >= 400 && *status < 500;
  return MakeError(client_error ? ErrorCode::kInvalidArgument : ErrorCode::kUnsupported,
                   std::move(message), std::move(field));
}

// Visits every value of `v` down to a small depth without keeping anything, so that what
// On-Demand would skip by counting brackets alone is checked token by token.
error_code WalkJson(od::value v, int depth) {
  od::json_type type;
  if (error_code e = v.type().get(type)) return e;
  if (depth >= 4) return simdjson::SUCCESS;  // deeper content is skipped (brackets checked)
  if (type == od::json_type::object) {
    od::object obj;
    if (error_code e = v.get_object().get(obj)) return e;
    for (auto field_result : obj) {
      od::field field;
      if (error_code e = std::move(field_result).get(field)) return e;
      if (error_code e = WalkJson(field.value(), depth + 1)) return e;
    }
  } else if (type == od::json_type::array) {
    od::array arr;
    if (error_code e = v.get_array().get(arr)) return e;
    for (auto element : arr) {
      od::value item;
      if (error_code e = element.get(item)) return e;
      if (error_code e = WalkJson(item, depth + 1)) return e;
    }
  }
  return simdjson::SUCCESS;
}

// The error for a broken document, with an approximate byte offset when simdjson knows one.
tl::unexpected<Error> Malformed(error_code e, od::document& doc, const char* payload_begin,
                                std::size_t payload_size, std::string_view where) {
  std::string message = "amadeus payload is not valid JSON: ";
  message += simdjson::error_message(e);
  const char* location = nullptr;
  if (doc.current_location().get(location) == simdjson::SUCCESS && location >= payload_begin &&
      location <= payload_begin + payload_size) {
    message += " near byte ";
    message += std::to_string(location - payload_begin);
  }
  if (!where.empty()) {
    message += " (";
    message += where;
    message += ')';
  }
  return MakeError(ErrorCode::kMalformed, std::move(message));
}

}  // namespace

Result<void> ParseFlightOffers(simdjson::padded_string_view payload,
                               simdjson::ondemand::parser& parser, const Enricher& enricher,
                               Arena& arena, uint16_t supplier, OfferBatch& out) {
  thread_local Scratch scratch;
  const int received_before = out.received;
  const auto dropped_before = out.dropped;
  const bool had_detail = !out.first_drop_detail.empty();
  // On failure nothing of this payload may remain: offers, counts and the drop detail.
  auto fail = [&](tl::unexpected<Error> error) -> Result<void> {
    out.offers.clear();
    out.received = received_before;
    out.dropped = dropped_before;
    if (!had_detail) out.first_drop_detail.clear();
    return error;
  };

  od::document doc;
  if (error_code e = parser.iterate(payload).get(doc)) {
    return fail(
        MakeError(ErrorCode::kMalformed,
                  std::string("amadeus payload is not valid JSON: ") + simdjson::error_message(e)));
  }
  od::object root;
  if (error_code e = doc.get_object().get(root)) {
    if (e == simdjson::INCORRECT_TYPE) {
      return fail(MakeError(ErrorCode::kMalformed, "amadeus payload: top level is not an object"));
    }
    return fail(Malformed(e, doc, payload.data(), payload.length(), {}));
  }
  Parser offers(enricher, arena, supplier, out, scratch);
  bool data_seen = false;
  std::optional<Result<void>> envelope_error;
  for (auto field_result : root) {
    od::field field;
    if (error_code e = std::move(field_result).get(field)) {
      return fail(Malformed(e, doc, payload.data(), payload.length(), {}));
    }
    const od::raw_json_string key = field.key();
    od::value v = field.value();
    if (key == "data") {
      od::array data;
      if (error_code e = v.get_array().get(data)) {
        if (e != simdjson::INCORRECT_TYPE) {
          return fail(Malformed(e, doc, payload.data(), payload.length(), "/data"));
        }
        continue;  // null or not an array: reported below unless an error envelope explains it
      }
      data_seen = true;
      int index = 0;
      for (auto element : data) {
        od::value item;
        if (error_code e = element.get(item)) {
          return fail(Malformed(e, doc, payload.data(), payload.length(), "/data"));
        }
        ++out.received;
        if (!offers.ParseOffer(item, index)) {
          const std::string where = "/data/" + std::to_string(index) + offers.path();
          return fail(Malformed(offers.fatal(), doc, payload.data(), payload.length(), where));
        }
        ++index;
      }
    } else if (key == "errors") {
      envelope_error = ParseErrors(v);
    } else if (key == "dictionaries") {
      // Names of carriers, aircraft and places come from fareflow's reference data, so the
      // dictionaries are only walked, to check that they are well-formed, and not kept.
      if (error_code e = WalkJson(v, 0)) {
        return fail(Malformed(e, doc, payload.data(), payload.length(), "/dictionaries"));
      }
    }
    // "meta", "warnings" and anything else are skipped.
  }
  const char* location = nullptr;
  if (doc.current_location().get(location) == simdjson::SUCCESS) {
    return fail(Malformed(simdjson::TRAILING_CONTENT, doc, payload.data(), payload.length(), {}));
  }
  if (envelope_error) return fail(tl::unexpected<Error>(envelope_error->error()));
  if (!data_seen) {
    return fail(MakeError(ErrorCode::kMalformed, "amadeus payload: no data array"));
  }
  return {};
}

}  // namespace fareflow::amadeus
