// OfferWriter's segments: flights, aircraft, carriers and each passenger's cabin and baggage.

#include "suppliers/duffel/offer_writer.h"

#include <cmath>
#include <string_view>

#include "core/json_values.h"
#include "model/cabin.h"
#include "refdata/aircraft.h"
#include "suppliers/stated_durations.h"

namespace fareflow::duffel {

void OfferWriter::SegmentPassengers(const Offer& offer, const Slice& slice,
                                    const std::vector<Passenger>& passengers, const Segment& s) {
  const Cabin cabin = s.cabin == Cabin::kUnknown ? offer.cabin : s.cabin;
  const std::string_view brand = slice.fare_brand.empty() ? offer.fare_brand : slice.fare_brand;
  const bool premium = cabin == Cabin::kBusiness || cabin == Cabin::kFirst;
  w_.Key("passengers");
  w_.BeginArray();
  for (const Passenger& p : passengers) {
    w_.BeginObject();
    w_.Key("passenger_id");
    Id(w_, "pas", p.id_hash);
    w_.Key("fare_basis_code");
    StringOrNull(w_, s.fare_basis);
    w_.Key("cabin_class");
    w_.PlainString(CabinName(cabin == Cabin::kUnknown ? Cabin::kEconomy : cabin));
    w_.Key("cabin_class_marketing_name");
    w_.String(brand.empty() ? CabinName(cabin) : brand);
    w_.Key("baggages");
    w_.BeginArray();
    const BagAllowance& bags = offer.bags;
    if (bags.IncludesChecked()) {
      w_.BeginObject();
      w_.Key("type");
      w_.PlainString("checked");
      w_.Key("quantity");
      w_.Int(bags.checked_pieces > 0 ? bags.checked_pieces : 1);
      w_.EndObject();
    }
    if (bags.cabin_pieces > 0) {
      w_.BeginObject();
      w_.Key("type");
      w_.PlainString("carry_on");
      w_.Key("quantity");
      w_.Int(bags.cabin_pieces);
      w_.EndObject();
    }
    w_.EndArray();
    w_.Key("cabin");
    w_.BeginObject();
    w_.Key("name");
    w_.PlainString(CabinName(cabin == Cabin::kUnknown ? Cabin::kEconomy : cabin));
    w_.Key("marketing_name");
    w_.String(brand.empty() ? CabinName(cabin) : brand);
    // Many airlines publish no cabin amenities; Duffel then sends null.
    w_.Key("amenities");
    if (((s.marketing_carrier.index() * 2654435761u) >> 9) % 2 == 0) {
      w_.Null();
    } else {
      w_.BeginObject();
      w_.Key("wifi");
      w_.BeginObject();
      w_.Key("available");
      w_.Bool(true);
      w_.Key("cost");
      w_.PlainString(premium ? "free" : "paid");
      w_.EndObject();
      w_.Key("power");
      w_.BeginObject();
      w_.Key("available");
      w_.Bool(true);
      w_.EndObject();
      w_.Key("seat");
      w_.BeginObject();
      w_.Key("pitch");
      w_.PlainString(premium ? "78" : "31");
      w_.Key("legroom");
      w_.PlainString(premium ? "more" : "standard");
      w_.Key("type");
      if (premium) {
        w_.PlainString("lie_flat");
      } else {
        w_.Null();
      }
      w_.EndObject();
      w_.EndObject();
    }
    w_.EndObject();
    w_.EndObject();
  }
  w_.EndArray();
}

void OfferWriter::WriteSegment(const Offer& offer, const Slice& slice,
                               const std::vector<Passenger>& passengers, const Segment& s,
                               uint64_t id_hash) {
  w_.BeginObject();
  w_.Key("id");
  Id(w_, "seg", id_hash);
  w_.Key("origin");
  Place(s.origin);
  w_.Key("destination");
  Place(s.destination);
  w_.Key("origin_terminal");
  StringOrNull(w_, s.origin_terminal);
  w_.Key("destination_terminal");
  StringOrNull(w_, s.destination_terminal);
  w_.Key("departing_at");
  WriteLocalDateTime(w_, s.departure_local);
  w_.Key("arriving_at");
  WriteLocalDateTime(w_, s.arrival_local);
  w_.Key("duration");
  Duration(w_, suppliers::StatedSegmentMinutes(s));
  w_.Key("distance");
  const refdata::Airport* from = refdata::FindAirport(s.origin);
  const refdata::Airport* to = refdata::FindAirport(s.destination);
  if (from != nullptr && to != nullptr) {
    WriteAmount(w_, std::llround(refdata::DistanceKm(*from, *to) * 10), 1);
  } else {
    w_.Null();
  }
  w_.Key("aircraft");
  if (s.aircraft_code.empty()) {
    w_.Null();
  } else {
    const refdata::AircraftType* type = refdata::FindAircraft(s.aircraft_code);
    w_.BeginObject();
    w_.Key("name");
    w_.String(type != nullptr ? type->name : s.aircraft_code);
    w_.Key("id");
    uint64_t h = 0x617263ull;
    for (char c : s.aircraft_code) h = Mix(h, static_cast<uint64_t>(c));
    Id(w_, "arc", h);
    w_.Key("iata_code");
    w_.String(s.aircraft_code);
    w_.EndObject();
  }
  w_.Key("marketing_carrier");
  Carrier(s.marketing_carrier);
  w_.Key("marketing_carrier_flight_number");
  w_.String(s.marketing_flight_number);
  const AirlineCode operating =
      s.operating_carrier.valid() ? s.operating_carrier : s.marketing_carrier;
  w_.Key("operating_carrier");
  Carrier(operating);
  w_.Key("operating_carrier_flight_number");
  StringOrNull(w_, s.operating_flight_number);
  w_.Key("stops");
  w_.BeginArray();
  w_.EndArray();
  w_.Key("media");
  w_.BeginArray();
  w_.EndArray();
  SegmentPassengers(offer, slice, passengers, s);
  w_.EndObject();
}

}  // namespace fareflow::duffel
