#include "api/offer_json.h"

#include "api/offer_json_members.h"

#include <string>
#include <vector>

#include "core/datetime.h"
#include "core/json_values.h"
#include "model/carrier_name.h"
#include "model/name_tables.h"
#include "refdata/aircraft.h"
#include "refdata/airlines.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/time_zones.h"

namespace fareflow {
namespace {

// The JSON object of every airport ({"code","name","city","country","time_zone"}), escaped once.
// A full answer writes about ten places an offer; copying a ready fragment is several times
// cheaper than escaping the same names again. Built on first use (about a millisecond, once per
// process), then read-only and shared by all threads.
const std::vector<std::string>& PlaceFragments() {
  static const std::vector<std::string> fragments = [] {
    std::vector<std::string> out(LocationCode::kSpace);
    for (const refdata::Airport& a : refdata::AllAirports()) {
      std::string& json = out[a.code.index()];
      JsonWriter w(json);
      w.BeginObject();
      char c[3];
      a.code.Write(c);
      w.Key("code");
      w.PlainString({c, 3});
      w.Key("name");
      w.String(a.name);
      w.Key("city");
      w.String(a.city);
      w.Key("country");
      w.String(a.country);
      w.Key("time_zone");
      w.String(refdata::TimeZoneName(a.time_zone));
      w.EndObject();
      w.Finish();
      json.shrink_to_fit();  // ~150 bytes each; keep 4,517 of them compact
    }
    return out;
  }();
  return fragments;
}

// How the full form writes what the compact one refers to: whole, every time.
struct FullForm {
  void Place(LocationCode code, JsonWriter& w) { offer_json::WritePlace(code, w); }
  void Carrier(AirlineCode code, std::string_view supplier_name, JsonWriter& w) {
    offer_json::WriteCarrier(code, supplier_name, w);
  }
  void Aircraft(std::string_view code, JsonWriter& w) { offer_json::WriteAircraft(code, w); }
  void Money(const fareflow::Money& m, JsonWriter& w) { WriteMoneyJson(m, w); }
  void Slices(const Offer& offer, JsonWriter& w) {
    w.BeginArray();
    for (const Slice& slice : offer.slices) {
      w.BeginObject();
      offer_json::WriteSliceMembers(slice, 0, /*fares=*/true, *this, w);
      offer_json::WriteOptionalString("fare_brand", slice.fare_brand, w);
      offer_json::WriteSliceMembers(slice, 1, /*fares=*/true, *this, w);
      w.EndObject();
    }
    w.EndArray();
  }
};

}  // namespace

namespace offer_json {

void WriteLocalTime(std::string_view key, Minutes t, JsonWriter& w) {
  w.Key(key);
  WriteLocalDateTime(w, t);
}

void WriteUtcTime(std::string_view key, Minutes t, JsonWriter& w) {
  char buf[20];
  FormatLocalDateTime(t, buf);
  buf[19] = 'Z';
  w.Key(key);
  w.PlainString({buf, sizeof buf});
}

void WriteOptionalString(std::string_view key, std::string_view value, JsonWriter& w) {
  w.Key(key);
  if (value.empty()) {
    w.Null();
  } else {
    w.String(value);
  }
}

void WriteCount(std::string_view key, int16_t value, JsonWriter& w) {
  w.Key(key);
  if (value == kUnknownCount) {
    w.Null();
  } else {
    w.Int(value);
  }
}

void WriteTristate(std::string_view key, Tristate t, JsonWriter& w) {
  w.Key(key);
  if (t == Tristate::kUnknown) {
    w.Null();
  } else {
    w.Bool(t == Tristate::kYes);
  }
}

void WritePlace(LocationCode code, JsonWriter& w) {
  if (code.valid()) {
    const std::string& fragment = PlaceFragments()[code.index()];
    if (!fragment.empty()) {
      w.Raw(fragment);
      return;
    }
  }
  // Not in the reference data: the code alone.
  w.BeginObject();
  w.Key("code");
  WriteCode(w, code);
  w.EndObject();
}

// A carrier: `supplier_name` (the supplier's name for it, see suppliers/carrier_names.h) when
// there is one, else the reference data's name; the alliance always from the reference data.
void WriteCarrier(AirlineCode code, std::string_view supplier_name, JsonWriter& w) {
  if (!code.valid()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("code");
  WriteCode(w, code);
  if (const std::string_view name = CarrierDisplayName(code, supplier_name); !name.empty()) {
    w.Key("name");
    w.String(name);
  }
  const refdata::Airline* a = refdata::FindAirline(code);
  if (a != nullptr && a->alliance != refdata::Alliance::kNone) {
    w.Key("alliance");
    w.PlainString(refdata::AllianceName(a->alliance));
  }
  w.EndObject();
}

void WriteAircraft(std::string_view code, JsonWriter& w) {
  w.BeginObject();
  w.Key("code");
  w.String(code);
  if (const refdata::AircraftType* a = refdata::FindAircraft(code)) {
    w.Key("name");
    w.String(a->name);
  }
  w.EndObject();
}

void WriteFlightNumber(const Segment& s, JsonWriter& w) {
  char flight[2 + 8];
  std::size_t n = 0;
  if (s.marketing_carrier.Write(flight)) n = 2;
  std::string_view number = s.marketing_flight_number.substr(0, 8);
  for (char c : number) flight[n++] = c;
  w.Key("flight_number");
  w.String({flight, n});
}

void WriteLayovers(const Slice& slice, JsonWriter& w) {
  w.Key("layovers");
  w.BeginArray();
  for (const Layover& l : slice.layovers) {
    w.BeginObject();
    w.Key("airport");
    WriteCode(w, l.arrival_airport);
    w.Key("departure_airport");
    WriteCode(w, l.departure_airport);
    w.Key("minutes");
    w.Int(l.minutes);
    w.Key("overnight");
    w.Bool(l.overnight);
    w.Key("change_of_airport");
    w.Bool(l.change_of_airport);
    w.EndObject();
  }
  w.EndArray();
}

void WriteOfferId(const Offer& offer, JsonWriter& w) {
  char id[kOfferIdLength];
  FormatOfferId(offer, id);
  w.Key("id");
  w.PlainString({id, kOfferIdLength});
}

void WriteTags(const Offer& offer, JsonWriter& w) {
  w.Key("tags");
  w.BeginArray();
  if (offer.tags & kTagBest) w.PlainString("best");
  if (offer.tags & kTagCheapest) w.PlainString("cheapest");
  if (offer.tags & kTagFastest) w.PlainString("fastest");
  w.EndArray();
}

}  // namespace offer_json

void FormatOfferId(const Offer& offer, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out[0] = 'f';
  out[1] = 'f';
  out[2] = '_';
  for (int i = 0; i < 16; ++i) out[3 + i] = kHex[(offer.dedupe_key >> (60 - 4 * i)) & 15];
}

std::string OfferId(const Offer& offer) {
  char buf[kOfferIdLength];
  FormatOfferId(offer, buf);
  return {buf, kOfferIdLength};
}

void WriteMoneyJson(const Money& m, JsonWriter& w) {
  w.BeginObject();
  w.Key("amount");
  WriteAmount(w, m.minor, refdata::MinorDigits(m.currency));
  w.Key("currency");
  WriteCode(w, m.currency);
  w.EndObject();
}

void WriteOfferJson(const Offer& offer, std::span<const SupplierOutcome> suppliers, JsonWriter& w) {
  FullForm form;
  w.BeginObject();
  offer_json::WriteOfferMembers(offer, suppliers, form, w);
  w.EndObject();
}

}  // namespace fareflow
