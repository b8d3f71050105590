#ifndef FAREFLOW_API_OFFER_JSON_MEMBERS_H_
#define FAREFLOW_API_OFFER_JSON_MEMBERS_H_

// The members of an offer, its slices and segments, written once for both answer forms
// (api/offer_json.h writes them whole, api/compact_offer_json.h with references to dictionaries),
// so that a member added to one form is in the other. A Form names how the members that differ
// are written:
//   void Place(LocationCode, JsonWriter&)              an airport or city
//   void Carrier(AirlineCode, std::string_view supplier_name, JsonWriter&)
//   void Aircraft(std::string_view code, JsonWriter&)  never called with an empty code
//   void Money(const Money&, JsonWriter&)              a Money whose currency is valid
//   void Slices(const Offer&, JsonWriter&)             the value of "slices"
// Internal to src/api.

#include <cstdint>
#include <span>
#include <string_view>

#include "core/json_writer.h"
#include "engine/supplier_outcome.h"
#include "model/cabin.h"
#include "model/name_tables.h"
#include "model/offer.h"

namespace fareflow::offer_json {

void WriteLocalTime(std::string_view key, Minutes t, JsonWriter& w);
void WriteUtcTime(std::string_view key, Minutes t, JsonWriter& w);
// null when `value` is empty.
void WriteOptionalString(std::string_view key, std::string_view value, JsonWriter& w);
void WriteFlightNumber(const Segment& s, JsonWriter& w);
void WriteLayovers(const Slice& slice, JsonWriter& w);
void WriteOfferId(const Offer& offer, JsonWriter& w);
void WriteTags(const Offer& offer, JsonWriter& w);
void WriteCount(std::string_view key, int16_t value, JsonWriter& w);
void WriteTristate(std::string_view key, Tristate t, JsonWriter& w);

// The value of a place, a carrier and an aircraft in the full form: {"code","name","city",
// "country","time_zone"} ({"code"} alone for a place the reference data lacks), {"code","name",
// "alliance"} (null for an invalid code) and {"code","name"}.
void WritePlace(LocationCode code, JsonWriter& w);
void WriteCarrier(AirlineCode code, std::string_view supplier_name, JsonWriter& w);
void WriteAircraft(std::string_view code, JsonWriter& w);

template <typename Form>
void WriteMoneyOrNull(const Money& m, Form& form, JsonWriter& w) {
  if (m.currency.valid()) {
    form.Money(m, w);
  } else {
    w.Null();
  }
}

// The flight of a segment: every member but its fare (cabin, booking_class, fare_basis), which
// WriteSegmentFare writes; they go between "aircraft" and "duration_minutes", so the full form
// writes the segment in three parts (`part`: 0 before the fare, 1 after it).
template <typename Form>
void WriteSegmentFlight(const Segment& s, int part, Form& form, JsonWriter& w) {
  if (part == 0) {
    w.Key("origin");
    form.Place(s.origin, w);
    w.Key("destination");
    form.Place(s.destination, w);
    WriteOptionalString("origin_terminal", s.origin_terminal, w);
    WriteOptionalString("destination_terminal", s.destination_terminal, w);
    WriteLocalTime("departure", s.departure_local, w);
    WriteLocalTime("arrival", s.arrival_local, w);
    WriteUtcTime("departure_utc", s.departure_utc, w);
    WriteUtcTime("arrival_utc", s.arrival_utc, w);
    w.Key("marketing_carrier");
    form.Carrier(s.marketing_carrier, s.marketing_carrier_name, w);
    WriteFlightNumber(s, w);
    w.Key("operating_carrier");
    form.Carrier(s.operating_carrier, s.operating_carrier_name, w);
    WriteOptionalString("operating_flight_number", s.operating_flight_number, w);
    w.Key("codeshare");
    w.Bool(s.codeshare);
    w.Key("aircraft");
    if (s.aircraft_code.empty()) {
      w.Null();
    } else {
      form.Aircraft(s.aircraft_code, w);
    }
    return;
  }
  w.Key("duration_minutes");
  w.Int(s.duration_minutes);
  w.Key("distance_km");
  w.Int(s.distance_km);
  w.Key("technical_stops");
  w.Int(s.technical_stops);
}

// The fare of a segment: cabin, booking_class, fare_basis.
inline void WriteSegmentFare(const Segment& s, JsonWriter& w) {
  w.Key("cabin");
  w.PlainString(CabinName(s.cabin));
  WriteOptionalString("booking_class", s.booking_class, w);
  WriteOptionalString("fare_basis", s.fare_basis, w);
}

// The members of a slice before its fare brand (`part` 0) and after it (1, segments included:
// their flights alone when `fares` is false).
template <typename Form>
void WriteSliceMembers(const Slice& slice, int part, bool fares, Form& form, JsonWriter& w) {
  if (part == 0) {
    w.Key("origin");
    form.Place(slice.origin, w);
    w.Key("destination");
    form.Place(slice.destination, w);
    WriteLocalTime("departure", slice.departure_local, w);
    WriteLocalTime("arrival", slice.arrival_local, w);
    w.Key("duration_minutes");
    w.Int(slice.duration_minutes);
    w.Key("stops");
    w.Int(slice.stops);
    w.Key("arrival_day_offset");
    w.Int(slice.arrival_day_offset);
    return;
  }
  w.Key("segments");
  w.BeginArray();
  for (const Segment& s : slice.segments) {
    w.BeginObject();
    WriteSegmentFlight(s, 0, form, w);
    if (fares) WriteSegmentFare(s, w);
    WriteSegmentFlight(s, 1, form, w);
    w.EndObject();
  }
  w.EndArray();
  WriteLayovers(slice, w);
}

template <typename Form>
void WriteOfferMembers(const Offer& offer, std::span<const SupplierOutcome> suppliers, Form& form,
                       JsonWriter& w) {
  WriteOfferId(offer, w);
  WriteTags(offer, w);
  w.Key("price");
  form.Money(offer.total_requested, w);
  w.Key("price_per_adult");
  form.Money(offer.per_adult_requested, w);
  w.Key("supplier_price");
  form.Money(offer.total, w);
  w.Key("passenger_prices");
  w.BeginArray();
  for (const PassengerPrice& p : offer.passenger_prices) {
    w.BeginObject();
    w.Key("type");
    w.PlainString(kPassengerTypeNames.NameOf(p.type));
    w.Key("count");
    w.Int(p.count);
    w.Key("price_each");
    WriteMoneyOrNull(p.total_each, form, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("cabin");
  w.PlainString(CabinName(offer.cabin));
  WriteOptionalString("fare_brand", offer.fare_brand, w);
  w.Key("validating_carrier");
  form.Carrier(offer.validating_carrier, offer.validating_carrier_name, w);
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
  WriteMoneyOrNull(offer.conditions.refund_penalty, form, w);
  w.Key("change_penalty");
  WriteMoneyOrNull(offer.conditions.change_penalty, form, w);
  w.EndObject();
  w.Key("co2_kg_per_passenger");
  w.Double(static_cast<double>(offer.co2_grams / 100) / 10.0);
  w.Key("co2_estimated");
  w.Bool(offer.co2_estimated);
  w.Key("score");
  w.Double(static_cast<double>(static_cast<int64_t>(offer.score * 10000.0f + 0.5f)) / 10000.0);
  w.Key("slices");
  form.Slices(offer, w);
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
    form.Money(requested, w);
    w.Key("supplier_price");
    form.Money(total, w);
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
}

}  // namespace fareflow::offer_json

#endif  // FAREFLOW_API_OFFER_JSON_MEMBERS_H_
