#include <cstdint>
#include <optional>
#include <string_view>

#include "core/codes.h"
#include "core/datetime.h"
#include "suppliers/amadeus/field_values.h"
#include "suppliers/amadeus/offer_reader.h"
#include "suppliers/token_reader.h"

// The fast path of the offer reader: an offer read token by token from simdjson's structural
// index (suppliers/token_reader.h) instead of through On-Demand's iterators, for offers as
// Amadeus sends them. It reads the same fields into the same members and scratch, through the
// same checks (FinishSegment, SetCo2, SetBags, Finish), so what it builds is what the On-Demand
// reader builds. Anything else gives up: a value of an unexpected type, an escaped string, a
// number that is not a small integer, a duplicate key, a structure that is not well-formed, an
// offer to drop, a limit reached. TakeOffer then reads the offer again with the On-Demand reader
// from where On-Demand stood, which decides (and reports, with the field's path) exactly as
// before.
//
// One reader per Amadeus object, each the twin of its On-Demand reader in offer_reader.cc,
// itinerary_reader.cc or pricing_reader.cc, kept in one file so that a change to what the reader
// reads is made to both paths side by side.

namespace fareflow::amadeus::internal {

// The token readers (Fields, Elements, Text, Null, …) and the cursor they read with.
using namespace suppliers::tokens;
// Declared here, so that amadeus::Duration (the writers', in writer_values.h) cannot hide it.
using suppliers::tokens::Duration;

namespace {

// OfferReader::ReadIdText: an identifier sent as a number is read as the number's text.
inline bool IdText(TokenCursor& c, std::string_view& out) {
  const uint8_t first = c.Char();
  if ((first >= '0' && first <= '9') || first == '-') {
    const auto* text = reinterpret_cast<const char*>(c.Text());
    out = suppliers::NumberText(
        std::string_view(text, static_cast<std::size_t>(c.TextEnd() - c.Text())));
    ++c.p;
    return true;
  }
  return Text(c, out);
}

// A code read as OfferReader reads carrier and airport codes: "" and null leave `code` as it
// was; a code that does not parse gives up (the On-Demand reader drops the offer).
template <typename Code>
inline bool CodeText(TokenCursor& c, Code& code) {
  std::string_view text;
  if (!Text(c, text)) return false;
  if (text.empty()) return true;
  code = Code::Parse(text);
  return code.valid();
}

}  // namespace

// The fast path's readers, with the reader's members and scratch.
class FastPath {
 public:
  explicit FastPath(OfferReader& reader) : r_(reader), s_(reader.s_) {}

  bool ReadOffer(TokenCursor& c);

 private:
  using EndPoint = OfferReader::EndPoint;

  bool ReadItinerary(TokenCursor& c);
  bool ReadSegment(TokenCursor& c);
  bool ReadEndPoint(TokenCursor& c, EndPoint& ep);
  bool ReadCo2(TokenCursor& c, SegmentExtra& extra);
  bool ReadPrice(TokenCursor& c);
  bool ReadPricingOptions(TokenCursor& c);
  bool ReadTraveler(TokenCursor& c, uint16_t t);
  bool ReadFareDetail(TokenCursor& c, uint16_t t, uint16_t k);
  bool ReadBags(TokenCursor& c, SegmentBags& bags, bool checked);

  OfferReader& r_;
  Scratch& s_;
  WalkedValue details_read_;  // the offer's last fareDetailsBySegment read, for SkipRepeat
};

bool FastPath::ReadOffer(TokenCursor& c) {
  Seen seen;
  return Fields(c, [&](const uint8_t* key) {
    switch (key[0]) {
      case 'i':
        if (Is(key, "itineraries")) {
          if (!seen.First(0)) return Step::kFail;
          if (Null(c)) return Step::kNext;  // reported as missing by Finish
          r_.itineraries_seen_ = true;
          return Next(Elements(c, [&] {
            return Next(s_.itineraries.size() < kMaxItineraries && ReadItinerary(c));
          }));
        }
        if (Is(key, "id")) return Next(seen.First(1) && IdText(c, r_.id_));
        break;
      case 't':
        if (Is(key, "travelerPricings")) {
          if (!seen.First(2)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          return Next(Elements(c, [&] {
            if (s_.traveler_count == kMaxTravelers) return Step::kFail;
            const auto t = static_cast<uint16_t>(s_.traveler_count++);
            s_.travelers[t] = Traveler();
            if (!ReadTraveler(c, t)) return Step::kFail;
            r_.adult_seen_ = r_.adult_seen_ || s_.travelers[t].adult_like;
            return Step::kNext;
          }));
        }
        break;
      case 'p':
        if (Is(key, "price")) return Next(seen.First(3) && ReadPrice(c));
        if (Is(key, "pricingOptions")) return Next(seen.First(4) && ReadPricingOptions(c));
        break;
      case 'v':
        if (Is(key, "validatingAirlineCodes")) {
          if (!seen.First(5)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          bool first = true;  // only the first code is the validating carrier
          return Next(Elements(c, [&] {
            if (!first) return Next(SkipOne(c));
            first = false;
            std::string_view code;
            if (!Text(c, code)) return Step::kFail;
            r_.validating_ = AirlineCode::Parse(code);  // may stay invalid
            return Step::kNext;
          }));
        }
        break;
      case 'n':
        if (Is(key, "numberOfBookableSeats")) {
          std::optional<int64_t> seats;
          if (!seen.First(6) || !Integer(c, seats)) return Step::kFail;
          if (seats && *seats >= 0) r_.seats_ = ClampInt16(*seats);
          return Step::kNext;
        }
        break;
      default:
        break;
    }
    return Next(SkipOne(c));
  });
}

bool FastPath::ReadItinerary(TokenCursor& c) {
  Itinerary& itinerary = s_.itineraries.emplace_back();
  itinerary.first_segment = static_cast<uint32_t>(s_.segments.size());
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "segments")) {
      // null leaves the itinerary without segments, which the On-Demand reader drops.
      return Next(seen.First(0) && Elements(c, [&] {
                    const std::size_t count = s_.segments.size() - itinerary.first_segment;
                    return Next(count < kMaxSegmentsPerItinerary && ReadSegment(c));
                  }));
    }
    if (Is(key, "duration")) {
      return Next(seen.First(1) && Duration(c, itinerary.duration_minutes));
    }
    return Next(SkipOne(c));
  });
  itinerary.segment_count = static_cast<uint32_t>(s_.segments.size() - itinerary.first_segment);
  return read && itinerary.segment_count > 0;
}

bool FastPath::ReadSegment(TokenCursor& c) {
  const std::size_t at = s_.AddSegment();
  Segment& seg = s_.segments[at];
  SegmentExtra& extra = s_.extras[at];
  EndPoint dep;
  EndPoint arr;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    switch (key[0]) {
      case 'd':
        if (Is(key, "departure")) return Next(seen.First(0) && ReadEndPoint(c, dep));
        if (Is(key, "duration")) {
          return Next(seen.First(1) && Duration(c, seg.supplier_duration_minutes));
        }
        break;
      case 'a':
        if (Is(key, "arrival")) return Next(seen.First(2) && ReadEndPoint(c, arr));
        if (Is(key, "aircraft")) {
          if (!seen.First(3)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          Seen code;
          return Next(Fields(c, [&](const uint8_t* name) {
            if (!Is(name, "code")) return Next(SkipOne(c));
            return Next(code.First(0) && IdText(c, seg.aircraft_code));
          }));
        }
        break;
      case 'c':
        if (Is(key, "carrierCode")) {
          return Next(seen.First(4) && CodeText(c, seg.marketing_carrier));
        }
        if (Is(key, "co2Emissions")) return Next(seen.First(5) && ReadCo2(c, extra));
        break;
      case 'n':
        if (Is(key, "number")) {
          if (!seen.First(6) || !IdText(c, seg.marketing_flight_number)) return Step::kFail;
          return Next(seg.marketing_flight_number.empty() ||
                      IsFlightNumber(seg.marketing_flight_number));
        }
        if (Is(key, "numberOfStops")) {
          std::optional<int64_t> stops;
          if (!seen.First(7) || !Integer(c, stops)) return Step::kFail;
          if (stops && *stops >= 0) seg.technical_stops = ClampInt16(*stops);
          return Step::kNext;
        }
        break;
      case 'i':
        if (Is(key, "id")) return Next(seen.First(8) && IdText(c, seg.supplier_segment_id));
        break;
      case 'o':
        if (Is(key, "operating")) {
          if (!seen.First(9)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          Seen fields;
          return Next(Fields(c, [&](const uint8_t* name) {
            if (Is(name, "carrierCode")) {
              return Next(fields.First(0) && CodeText(c, seg.operating_carrier));
            }
            if (Is(name, "number")) {
              return Next(fields.First(1) && IdText(c, seg.operating_flight_number));
            }
            return Next(SkipOne(c));
          }));
        }
        break;
      default:
        break;
    }
    return Next(SkipOne(c));
  });
  // A segment to drop is left to the On-Demand reader, which names the field.
  return read && dep.present && dep.code.valid() && dep.has_at && arr.present && arr.code.valid() &&
         arr.has_at && r_.FinishSegment(dep, arr, seg);
}

bool FastPath::ReadEndPoint(TokenCursor& c, EndPoint& ep) {
  // null (present stays false) is left to the On-Demand reader, which drops the segment.
  Seen seen;
  ep.present = true;
  return Fields(c, [&](const uint8_t* key) {
    if (Is(key, "iataCode")) return Next(seen.First(0) && CodeText(c, ep.code));
    if (Is(key, "at")) {
      std::string_view text;
      if (!seen.First(1) || !Text(c, text)) return Step::kFail;
      if (text.empty()) return Step::kNext;
      std::optional<Minutes> at = ParseLocalDateTime(text);
      if (!at) return Step::kFail;
      ep.at = *at;
      ep.has_at = true;
      return Step::kNext;
    }
    if (Is(key, "terminal")) return Next(seen.First(2) && IdText(c, ep.terminal));
    return Next(SkipOne(c));
  });
}

bool FastPath::ReadCo2(TokenCursor& c, SegmentExtra& extra) {
  if (Null(c)) return true;
  return Elements(c, [&] {
    if (extra.co2_grams >= 0) return Next(SkipOne(c));  // the first figure is the segment's
    if (Null(c)) return Step::kNext;
    std::optional<int64_t> weight;
    std::string_view unit;
    Seen seen;
    if (!Fields(c, [&](const uint8_t* key) {
          if (Is(key, "weight")) return Next(seen.First(0) && Integer(c, weight));
          if (Is(key, "weightUnit")) return Next(seen.First(1) && Text(c, unit));
          return Next(SkipOne(c));
        })) {
      return Step::kFail;
    }
    OfferReader::SetCo2(weight, unit, extra);
    return Step::kNext;
  });
}

bool FastPath::ReadPrice(TokenCursor& c) {
  if (Null(c)) return true;  // price_seen_ stays false: reported as missing by Finish
  Seen seen;
  r_.price_seen_ = true;
  return Fields(c, [&](const uint8_t* key) {
    if (Is(key, "grandTotal")) return Next(seen.First(0) && Text(c, r_.grand_total_));
    if (Is(key, "total")) return Next(seen.First(1) && Text(c, r_.total_));
    if (Is(key, "base")) return Next(seen.First(2) && Text(c, r_.base_));
    if (Is(key, "currency")) return Next(seen.First(3) && Text(c, r_.currency_));
    return Next(SkipOne(c));
  });
}

bool FastPath::ReadPricingOptions(TokenCursor& c) {
  if (Null(c)) return true;
  Seen seen;
  return Fields(c, [&](const uint8_t* key) {
    if (!Is(key, "refundableFare")) return Next(SkipOne(c));
    std::optional<bool> refundable;
    if (!seen.First(0) || !Bool(c, refundable)) return Step::kFail;
    r_.refundable_ = refundable.value_or(false);
    return Step::kNext;
  });
}

bool FastPath::ReadTraveler(TokenCursor& c, uint16_t t) {
  Traveler& traveler = s_.travelers[t];
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "fareDetailsBySegment")) {
      if (!seen.First(0)) return Step::kFail;
      // Segment fares, brands and bags come from the first adult; later travelers' details
      // repeat them per passenger and are skipped unread, as by the On-Demand reader: at once when
      // they repeat the last details read to the byte, as they mostly do.
      if (r_.adult_seen_) return Next(SkipRepeat(c, details_read_) || SkipOne(c));
      if (Null(c)) return Step::kNext;
      const simdjson::ondemand::token_position from = c.p;
      uint16_t k = 0;
      if (!Elements(c, [&] { return Next(k < UINT16_MAX && ReadFareDetail(c, t, k++)); })) {
        return Step::kFail;
      }
      details_read_ = Walked(c, from);
      return Step::kNext;
    }
    if (Is(key, "travelerType")) {
      std::string_view type;
      if (!seen.First(1) || !Text(c, type)) return Step::kFail;
      if (type.empty()) return Step::kNext;
      std::optional<PassengerType> parsed = ParseTravelerType(type, traveler.adult_like);
      if (!parsed) return Step::kFail;
      traveler.type = *parsed;
      traveler.type_known = true;
      return Step::kNext;
    }
    if (Is(key, "price")) {
      if (!seen.First(2)) return Step::kFail;
      if (Null(c)) return Step::kNext;
      Seen fields;
      return Next(Fields(c, [&](const uint8_t* name) {
        if (Is(name, "total")) return Next(fields.First(0) && Text(c, traveler.total));
        if (Is(name, "currency")) return Next(fields.First(1) && Text(c, traveler.currency));
        return Next(SkipOne(c));
      }));
    }
    return Next(SkipOne(c));
  });
  return read && traveler.type_known;
}

bool FastPath::ReadFareDetail(TokenCursor& c, uint16_t t, uint16_t k) {
  FareDetail& detail = s_.fare_details.emplace_back();
  detail.traveler = t;
  detail.index = k;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    switch (key[0]) {
      case 's':
        if (Is(key, "segmentId")) return Next(seen.First(0) && IdText(c, detail.segment_id));
        break;
      case 'c':
        if (Is(key, "cabin")) {
          std::string_view cabin;
          if (!seen.First(1) || !Text(c, cabin)) return Step::kFail;
          detail.cabin = ToCabin(cabin);
          return Step::kNext;
        }
        if (Is(key, "class")) return Next(seen.First(2) && Text(c, detail.booking_class));
        break;
      case 'f':
        if (Is(key, "fareBasis")) return Next(seen.First(3) && Text(c, detail.fare_basis));
        break;
      case 'b':
        if (Is(key, "brandedFare")) return Next(seen.First(4) && Text(c, detail.branded_fare));
        if (Is(key, "brandedFareLabel")) {
          return Next(seen.First(5) && Text(c, detail.branded_fare_label));
        }
        break;
      case 'a':
        // Observed, not specified, and skipped unread: in one move when it repeats a recent one.
        if (Is(key, "amenities")) return Next(r_.amenities_.Skip(c));
        break;
      case 'i':
        if (Is(key, "includedCheckedBags")) {
          return Next(seen.First(6) && ReadBags(c, detail.bags, true));
        }
        if (Is(key, "includedCabinBags")) {
          return Next(seen.First(7) && ReadBags(c, detail.bags, false));
        }
        break;
      default:
        break;
    }
    // Everything else is skipped unread.
    return Next(SkipOne(c));
  });
  return read && !detail.segment_id.empty();
}

bool FastPath::ReadBags(TokenCursor& c, SegmentBags& bags, bool checked) {
  if (Null(c)) return true;
  std::optional<int64_t> quantity;
  std::optional<int64_t> weight;
  std::string_view unit;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "quantity")) return Next(seen.First(0) && Integer(c, quantity));
    if (Is(key, "weight")) return Next(seen.First(1) && Integer(c, weight));
    if (Is(key, "weightUnit")) return Next(seen.First(2) && Text(c, unit));
    return Next(SkipOne(c));
  });
  if (!read) return false;
  OfferReader::SetBags(quantity, weight, unit, checked, bags);
  return true;
}

bool OfferReader::ReadFast(Value& value) {
  TokenMark mark(value);
  TokenCursor cursor = mark.cursor();
  FastPath path(*this);
  if (!path.ReadOffer(cursor)) return false;
  mark.Commit(cursor);
  return true;
}

}  // namespace fareflow::amadeus::internal
