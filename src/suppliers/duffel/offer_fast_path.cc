#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "core/codes.h"
#include "model/cabin.h"
#include "suppliers/duffel/field_values.h"
#include "suppliers/duffel/offer_reader.h"
#include "suppliers/token_reader.h"

// The fast path of the offer reader: an offer read token by token from simdjson's structural
// index (suppliers/token_reader.h) instead of through On-Demand's iterators, for offers as Duffel
// sends them. It reads the same fields into the same scratch, through the same checks
// (FinishSegment, Finish), so what it builds is what the On-Demand reader builds. Anything else
// gives up: a value of an unexpected type, an escaped string, a number that is not a small integer,
// a duplicate key, a structure that is not well-formed, an offer to drop. The caller then reads the
// offer again with the On-Demand reader from where On-Demand stood, which decides (and reports)
// exactly as before. Giving up costs the partial read; Duffel's offers seldom take it.
//
// Longer than most files (about 580 lines) on purpose: one reader per Duffel object, each the twin
// of its On-Demand reader in itinerary_reader.cc, offer_reader.cc or pricing_reader.cc, kept in
// one place so that a change to what the reader reads is made to both paths side by side.

namespace fareflow::duffel::internal {

// The token readers (Fields, Elements, Text, Null, …) and the cursor they read with.
using namespace suppliers::tokens;

// The fast path's readers, with the reader's scratch, carrier names and zone cache.
class FastPath {
 public:
  explicit FastPath(OfferReader& reader) : r_(reader) {}

  bool ReadOffer(TokenCursor& c, Offer& offer);

 private:
  bool ReadSlice(TokenCursor& c);
  bool ReadSegment(TokenCursor& c);
  bool ReadPlace(TokenCursor& c, std::string_view& code, std::string_view& zone);
  bool ReadCarrier(TokenCursor& c, std::string_view& code, std::string_view& name, bool optional);
  bool ReadSegmentPassenger(TokenCursor& c, Segment& segment, BagAllowance& bags);
  bool ReadBaggages(TokenCursor& c, BagAllowance& bags);
  bool ReadTypedNumber(TokenCursor& c, std::string_view& type, bool is_age,
                       std::optional<int64_t>& number);
  bool ReadPassengers(TokenCursor& c, PassengerCounts& counts);
  bool ReadConditions(TokenCursor& c, Conditions& conditions);
  bool ReadCondition(TokenCursor& c, Tristate& allowed, Money& penalty);

  OfferReader& r_;
};

bool FastPath::ReadOffer(TokenCursor& c, Offer& offer) {
  OfferTexts texts;
  PassengerCounts counts;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    switch (key[0]) {
      case 'i':
        if (Is(key, "id")) return Next(seen.First(0) && Text(c, r_.offer_id_));
        break;
      case 's':
        if (Is(key, "slices")) {
          if (!seen.First(1)) return Step::kFail;
          texts.saw_slices = true;
          return Next(Elements(c, [&] { return Next(ReadSlice(c)); }));
        }
        break;
      case 't':
        if (Is(key, "total_amount")) return Next(seen.First(2) && Text(c, texts.total_amount));
        if (Is(key, "total_currency")) {
          return Next(seen.First(3) && Text(c, texts.total_currency));
        }
        if (Is(key, "total_emissions_kg")) {
          return Next(seen.First(4) && Text(c, texts.emissions_kg));
        }
        break;
      case 'b':
        if (Is(key, "base_amount")) return Next(seen.First(5) && Text(c, texts.base_amount));
        if (Is(key, "base_currency")) return Next(seen.First(6) && Text(c, texts.base_currency));
        break;
      case 'o':
        if (Is(key, "owner")) {
          if (!seen.First(7)) return Step::kFail;
          std::string_view code;
          if (!ReadCarrier(c, code, offer.validating_carrier_name, true)) return Step::kFail;
          offer.validating_carrier = AirlineCode::Parse(code);
          return Step::kNext;
        }
        break;
      case 'p':
        if (Is(key, "passengers")) return Next(seen.First(8) && ReadPassengers(c, counts));
        break;
      case 'c':
        if (Is(key, "conditions")) {
          return Next(seen.First(9) && ReadConditions(c, offer.conditions));
        }
        break;
      default:
        break;
    }
    return Next(SkipOne(c));
  });
  if (!read || r_.offer_id_.empty() || !texts.saw_slices || r_.s_.slices.empty()) return false;
  return r_.Finish(texts, counts, offer);
}

bool FastPath::ReadSlice(TokenCursor& c) {
  SliceDraft draft;
  draft.first_segment = static_cast<uint32_t>(r_.s_.segments.size());
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "segments")) {
      return Next(seen.First(0) && Elements(c, [&] { return Next(ReadSegment(c)); }));
    }
    if (Is(key, "fare_brand_name")) return Next(seen.First(1) && Text(c, draft.slice.fare_brand));
    if (Is(key, "duration")) {
      return Next(seen.First(2) && Duration(c, draft.slice.supplier_duration_minutes));
    }
    return Next(r_.slice_values_.Skip(c));  // the slice's places and conditions repeat
  });
  if (!read) return false;
  draft.segment_count = static_cast<uint32_t>(r_.s_.segments.size()) - draft.first_segment;
  if (draft.segment_count == 0) return false;
  r_.s_.slices.push_back(draft);
  return true;
}

bool FastPath::ReadSegment(TokenCursor& c) {
  Segment segment;
  BagAllowance bags;
  SegmentTexts t;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    switch (key[0]) {
      case 'o':
        if (Is(key, "origin")) return Next(seen.First(0) && ReadPlace(c, t.origin, t.origin_zone));
        if (Is(key, "operating_carrier")) {
          return Next(seen.First(1) &&
                      ReadCarrier(c, t.operating, segment.operating_carrier_name, true));
        }
        if (Is(key, "operating_carrier_flight_number")) {
          return Next(seen.First(2) && Text(c, segment.operating_flight_number));
        }
        if (Is(key, "origin_terminal")) {
          return Next(seen.First(3) && Text(c, segment.origin_terminal));
        }
        break;
      case 'd':
        if (Is(key, "destination")) {
          return Next(seen.First(4) && ReadPlace(c, t.destination, t.destination_zone));
        }
        if (Is(key, "departing_at")) return Next(seen.First(5) && Text(c, t.departing_at));
        if (Is(key, "destination_terminal")) {
          return Next(seen.First(6) && Text(c, segment.destination_terminal));
        }
        if (Is(key, "duration")) {
          return Next(seen.First(7) && Duration(c, segment.supplier_duration_minutes));
        }
        break;
      case 'a':
        if (Is(key, "arriving_at")) return Next(seen.First(8) && Text(c, t.arriving_at));
        if (Is(key, "aircraft")) {
          if (!seen.First(9)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          // The first iata_code counts, as for the On-Demand reader.
          return Next(Fields(c, [&](const uint8_t* name) {
            if (!Is(name, "iata_code")) return Next(SkipOne(c));
            return Text(c, t.aircraft) ? Step::kDone : Step::kFail;
          }));
        }
        break;
      case 'm':
        if (Is(key, "marketing_carrier")) {
          return Next(seen.First(10) &&
                      ReadCarrier(c, t.marketing, segment.marketing_carrier_name, false));
        }
        if (Is(key, "marketing_carrier_flight_number")) {
          return Next(seen.First(11) && Text(c, segment.marketing_flight_number));
        }
        break;
      case 'p':
        if (Is(key, "passengers")) {
          if (!seen.First(12)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          // The first passenger's cabin, fare basis and bags; the others are skipped.
          return Next(Elements(c, [&] {
            return ReadSegmentPassenger(c, segment, bags) ? Step::kDone : Step::kFail;
          }));
        }
        break;
      case 'i':
        if (Is(key, "id")) return Next(seen.First(13) && Text(c, segment.supplier_segment_id));
        break;
      case 's':
        if (Is(key, "stops")) {
          if (!seen.First(14)) return Step::kFail;
          if (Null(c)) return Step::kNext;
          int n = 0;
          if (!Elements(c, [&] {
                if (n < std::numeric_limits<int16_t>::max()) ++n;
                return Next(SkipOne(c));
              })) {
            return Step::kFail;
          }
          segment.technical_stops = static_cast<int16_t>(n);
          return Step::kNext;
        }
        break;
      default:
        break;
    }
    return Next(SkipOne(c));
  });
  if (!read) return false;
  // A segment to drop is left to the On-Demand reader, which names the field.
  return r_.FinishSegment(t, bags, segment);
}

bool FastPath::ReadPlace(TokenCursor& c, std::string_view& code, std::string_view& zone) {
  // An airport read recently, to the byte, is not read again.
  OfferReader::PlaceRead read;
  if (const OfferReader::PlaceRead* recent = r_.places_.Find(c)) {
    read = *recent;
  } else {
    // As the On-Demand reader: the first iata_code and time_zone count, the rest is skipped.
    const simdjson::ondemand::token_position from = c.p;
    const bool ok = Fields(c, [&](const uint8_t* key) {
      if (Is(key, "iata_code")) {
        if (!Text(c, read.code)) return Step::kFail;
        read.has_code = true;
      } else if (Is(key, "time_zone")) {
        if (!Text(c, read.zone)) return Step::kFail;
        read.has_zone = true;
      } else {
        return Next(SkipOne(c));
      }
      return read.has_code && read.has_zone ? Step::kDone : Step::kNext;
    });
    if (!ok) return false;
    r_.places_.Remember(c, from, read);
  }
  if (read.has_code) code = read.code;
  if (read.has_zone) zone = read.zone;
  return true;
}

bool FastPath::ReadCarrier(TokenCursor& c, std::string_view& code, std::string_view& name,
                           bool optional) {
  // The same reads and stops as OfferReader::ReadCarrier.
  if (optional && Null(c)) return true;
  suppliers::CarrierNames& names = r_.carrier_names_;
  const simdjson::ondemand::token_position from = c.p;
  // A carrier read recently, to the byte, is not read again once its name is known: the reads
  // below would stop at its code and take the name known.
  if (const OfferReader::CarrierRead* recent = r_.carriers_.Find(c)) {
    if (names.Has(recent->parsed)) {
      if (recent->has_code) code = recent->code;
      name = names.Find(recent->parsed);
      return true;
    }
    c.p = from;
  }
  OfferReader::CarrierRead read;
  std::string_view given;
  const bool ok = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "iata_code")) {
      if (!Text(c, code)) return Step::kFail;
      read.code = code;
      read.has_code = true;
      read.parsed = AirlineCode::Parse(code);
      return names.Has(read.parsed) || !given.empty() ? Step::kDone : Step::kNext;
    }
    if (Is(key, "name") && !names.Has(read.parsed)) {
      if (!Text(c, given)) return Step::kFail;
      return code.empty() ? Step::kNext : Step::kDone;
    }
    return Next(SkipOne(c));
  });
  if (!ok) return false;
  name = names.Has(read.parsed) ? names.Find(read.parsed) : names.Intern(read.parsed, given);
  // Only a carrier whose name is now known can be taken again (above).
  if (names.Has(read.parsed)) r_.carriers_.Remember(c, from, read);
  return true;
}

bool FastPath::ReadSegmentPassenger(TokenCursor& c, Segment& segment, BagAllowance& bags) {
  if (Null(c)) return true;
  std::string_view cabin_class, cabin_name;
  std::optional<Cabin> cabin;
  bool saw_basis = false, saw_bags = false;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "cabin_class")) {
      if (!seen.First(0) || !Text(c, cabin_class)) return Step::kFail;
      cabin = ParseCabin(cabin_class);
    } else if (Is(key, "fare_basis_code")) {
      if (!seen.First(1) || !Text(c, segment.fare_basis)) return Step::kFail;
      saw_basis = true;
    } else if (Is(key, "baggages")) {
      if (!seen.First(2) || !ReadBaggages(c, bags)) return Step::kFail;
      saw_bags = true;
    } else if (Is(key, "cabin")) {
      if (!seen.First(3)) return Step::kFail;
      if (!Null(c) && !Fields(c, [&](const uint8_t* name) {
            if (!Is(name, "name")) return Next(SkipOne(c));
            return Text(c, cabin_name) ? Step::kDone : Step::kFail;
          })) {
        return Step::kFail;
      }
    } else {
      return Next(SkipOne(c));
    }
    return cabin && saw_basis && saw_bags ? Step::kDone : Step::kNext;
  });
  if (!read) return false;
  if (!cabin) cabin = ParseCabin(cabin_name);
  segment.cabin = cabin.value_or(Cabin::kUnknown);
  return true;
}

bool FastPath::ReadBaggages(TokenCursor& c, BagAllowance& bags) {
  if (Null(c)) return true;
  int64_t checked = 0, carry_on = 0;
  const bool read = Elements(c, [&] {
    std::string_view type;
    std::optional<int64_t> quantity;
    if (!ReadTypedNumber(c, type, false, quantity)) return Step::kFail;
    if (!quantity || *quantity < 0) return Step::kNext;
    const int64_t q = std::min(*quantity, kMaxBags);
    if (type == "checked") {
      checked = std::min(checked + q, kMaxBags);
    } else if (type == "carry_on") {
      carry_on = std::min(carry_on + q, kMaxBags);
    }
    return Step::kNext;
  });
  if (!read) return false;
  bags.checked_pieces = static_cast<int16_t>(checked);
  bags.cabin_pieces = static_cast<int16_t>(carry_on);
  return true;
}

bool FastPath::ReadTypedNumber(TokenCursor& c, std::string_view& type, bool is_age,
                               std::optional<int64_t>& number) {
  // An element that is not an object (null included) gives up: rare, and the On-Demand reader
  // knows how each list takes it.
  Seen seen;
  return Fields(c, [&](const uint8_t* key) {
    if (Is(key, "type")) return Next(seen.First(0) && Text(c, type));
    if (is_age ? Is(key, "age") : Is(key, "quantity")) {
      return Next(seen.First(1) && Integer(c, number));
    }
    return Next(SkipOne(c));
  });
}

bool FastPath::ReadPassengers(TokenCursor& c, PassengerCounts& counts) {
  if (Null(c)) return true;
  return Elements(c, [&] {
    std::string_view type;
    std::optional<int64_t> age;
    if (!ReadTypedNumber(c, type, true, age)) return Step::kFail;
    counts.Count(Classify(type, age));
    return Step::kNext;
  });
}

bool FastPath::ReadConditions(TokenCursor& c, Conditions& conditions) {
  if (Null(c)) return true;
  Seen seen;
  return Fields(c, [&](const uint8_t* key) {
    if (Is(key, "refund_before_departure")) {
      return Next(seen.First(0) &&
                  ReadCondition(c, conditions.refundable, conditions.refund_penalty));
    }
    if (Is(key, "change_before_departure")) {
      return Next(seen.First(1) &&
                  ReadCondition(c, conditions.changeable, conditions.change_penalty));
    }
    return Next(SkipOne(c));
  });
}

bool FastPath::ReadCondition(TokenCursor& c, Tristate& allowed, Money& penalty) {
  if (Null(c)) return true;
  std::string_view amount, currency;
  Seen seen;
  const bool read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "allowed")) {
      std::optional<bool> value;
      if (!seen.First(0) || !Bool(c, value)) return Step::kFail;
      if (value) allowed = *value ? Tristate::kYes : Tristate::kNo;
      return Step::kNext;
    }
    if (Is(key, "penalty_amount")) return Next(seen.First(1) && Text(c, amount));
    if (Is(key, "penalty_currency")) return Next(seen.First(2) && Text(c, currency));
    return Next(SkipOne(c));
  });
  if (!read) return false;
  if (std::optional<Money> money = ToMoney(amount, currency)) penalty = *money;
  return true;
}

bool OfferReader::ReadFast(Value& value, Offer& offer) {
  TokenMark mark(value);
  TokenCursor cursor = mark.cursor();
  s_.Clear();
  FastPath path(*this);
  if (!path.ReadOffer(cursor, offer)) return false;
  mark.Commit(cursor);
  return true;
}

}  // namespace fareflow::duffel::internal
