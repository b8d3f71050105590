#include "api/offer_json.h"

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

void WritePlace(std::string_view key, LocationCode code, JsonWriter& w) {
  w.Key(key);
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
void WriteCarrier(std::string_view key, AirlineCode code, std::string_view supplier_name,
                  JsonWriter& w) {
  w.Key(key);
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

void WriteSegment(const Segment& s, JsonWriter& w) {
  w.BeginObject();
  WritePlace("origin", s.origin, w);
  WritePlace("destination", s.destination, w);
  WriteOptionalString("origin_terminal", s.origin_terminal, w);
  WriteOptionalString("destination_terminal", s.destination_terminal, w);
  WriteLocalTime("departure", s.departure_local, w);
  WriteLocalTime("arrival", s.arrival_local, w);
  WriteUtcTime("departure_utc", s.departure_utc, w);
  WriteUtcTime("arrival_utc", s.arrival_utc, w);
  WriteCarrier("marketing_carrier", s.marketing_carrier, s.marketing_carrier_name, w);
  char flight[2 + 8];
  std::size_t n = 0;
  if (s.marketing_carrier.Write(flight)) n = 2;
  std::string_view number = s.marketing_flight_number.substr(0, 8);
  for (char c : number) flight[n++] = c;
  w.Key("flight_number");
  w.String({flight, n});
  WriteCarrier("operating_carrier", s.operating_carrier, s.operating_carrier_name, w);
  WriteOptionalString("operating_flight_number", s.operating_flight_number, w);
  w.Key("codeshare");
  w.Bool(s.codeshare);
  w.Key("aircraft");
  if (s.aircraft_code.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    w.Key("code");
    w.String(s.aircraft_code);
    if (const refdata::AircraftType* a = refdata::FindAircraft(s.aircraft_code)) {
      w.Key("name");
      w.String(a->name);
    }
    w.EndObject();
  }
  w.Key("cabin");
  w.PlainString(CabinName(s.cabin));
  WriteOptionalString("booking_class", s.booking_class, w);
  WriteOptionalString("fare_basis", s.fare_basis, w);
  w.Key("duration_minutes");
  w.Int(s.duration_minutes);
  w.Key("distance_km");
  w.Int(s.distance_km);
  w.Key("technical_stops");
  w.Int(s.technical_stops);
  w.EndObject();
}

void WriteSlice(const Slice& slice, JsonWriter& w) {
  w.BeginObject();
  WritePlace("origin", slice.origin, w);
  WritePlace("destination", slice.destination, w);
  WriteLocalTime("departure", slice.departure_local, w);
  WriteLocalTime("arrival", slice.arrival_local, w);
  w.Key("duration_minutes");
  w.Int(slice.duration_minutes);
  w.Key("stops");
  w.Int(slice.stops);
  w.Key("arrival_day_offset");
  w.Int(slice.arrival_day_offset);
  WriteOptionalString("fare_brand", slice.fare_brand, w);
  w.Key("segments");
  w.BeginArray();
  for (const Segment& s : slice.segments) WriteSegment(s, w);
  w.EndArray();
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
  w.EndObject();
}

}  // namespace

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

namespace {

// A Money whose currency is invalid is "not given" (no per-passenger price, no penalty): null.
void WriteMoneyOrNull(const Money& m, JsonWriter& w) {
  if (m.currency.valid()) {
    WriteMoneyJson(m, w);
  } else {
    w.Null();
  }
}

}  // namespace

void WriteOfferJson(const Offer& offer, std::span<const SupplierOutcome> suppliers, JsonWriter& w) {
  w.BeginObject();
  char id[kOfferIdLength];
  FormatOfferId(offer, id);
  w.Key("id");
  w.PlainString({id, kOfferIdLength});
  w.Key("tags");
  w.BeginArray();
  if (offer.tags & kTagBest) w.PlainString("best");
  if (offer.tags & kTagCheapest) w.PlainString("cheapest");
  if (offer.tags & kTagFastest) w.PlainString("fastest");
  w.EndArray();
  w.Key("price");
  WriteMoneyJson(offer.total_requested, w);
  w.Key("price_per_adult");
  WriteMoneyJson(offer.per_adult_requested, w);
  w.Key("supplier_price");
  WriteMoneyJson(offer.total, w);
  w.Key("passenger_prices");
  w.BeginArray();
  for (const PassengerPrice& p : offer.passenger_prices) {
    w.BeginObject();
    w.Key("type");
    w.PlainString(kPassengerTypeNames.NameOf(p.type));
    w.Key("count");
    w.Int(p.count);
    w.Key("price_each");
    WriteMoneyOrNull(p.total_each, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("cabin");
  w.PlainString(CabinName(offer.cabin));
  WriteOptionalString("fare_brand", offer.fare_brand, w);
  WriteCarrier("validating_carrier", offer.validating_carrier, offer.validating_carrier_name, w);
  w.Key("duration_minutes");
  w.Int(offer.total_duration_minutes);
  w.Key("stops");
  w.Int(offer.total_stops);
  w.Key("airport_changes");
  w.Int(offer.airport_changes);
  WriteCount("seats_available", offer.seats_available, w);
  w.Key("bags");
  w.BeginObject();
  WriteCount("checked", offer.bags.checked_pieces, w);
  WriteCount("checked_weight_kg", offer.bags.checked_weight_kg, w);
  WriteCount("cabin", offer.bags.cabin_pieces, w);
  w.Key("checked_included");
  w.Bool(offer.bags.IncludesChecked());
  w.EndObject();
  w.Key("conditions");
  w.BeginObject();
  WriteTristate("refundable", offer.conditions.refundable, w);
  WriteTristate("changeable", offer.conditions.changeable, w);
  w.Key("refund_penalty");
  WriteMoneyOrNull(offer.conditions.refund_penalty, w);
  w.Key("change_penalty");
  WriteMoneyOrNull(offer.conditions.change_penalty, w);
  w.EndObject();
  w.Key("co2_kg_per_passenger");
  w.Double(static_cast<double>(offer.co2_grams / 100) / 10.0);
  w.Key("co2_estimated");
  w.Bool(offer.co2_estimated);
  w.Key("score");
  w.Double(static_cast<double>(static_cast<int64_t>(offer.score * 10000.0f + 0.5f)) / 10000.0);
  w.Key("slices");
  w.BeginArray();
  for (const Slice& slice : offer.slices) WriteSlice(slice, w);
  w.EndArray();
  w.Key("pricing_options");
  w.BeginArray();
  auto write_option = [&](uint16_t supplier, std::string_view supplier_offer_id, const Money& total,
                          const Money& requested) {
    w.BeginObject();
    w.Key("supplier");
    if (supplier < suppliers.size()) {
      w.String(suppliers[supplier].name);
    } else {
      w.Int(supplier);
    }
    w.Key("supplier_offer_id");
    w.String(supplier_offer_id);
    w.Key("price");
    WriteMoneyJson(requested, w);
    w.Key("supplier_price");
    WriteMoneyJson(total, w);
    w.EndObject();
  };
  if (offer.pricing_options.empty()) {
    write_option(offer.supplier, offer.supplier_offer_id, offer.total, offer.total_requested);
  } else {
    for (const PricingOption& p : offer.pricing_options) {
      write_option(p.supplier, p.supplier_offer_id, p.total, p.total_requested);
    }
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace fareflow
