#include "suppliers/amadeus/offer_writer.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/datetime.h"
#include "core/json_values.h"
#include "core/money.h"
#include "model/name_tables.h"
#include "refdata/currencies.h"
#include "suppliers/amadeus/writer_values.h"
#include "suppliers/stated_durations.h"

namespace fareflow::amadeus {
namespace {

// A segment's `departure` or `arrival`: airport, terminal when known, local time.
void WriteEndpoint(JsonWriter& w, std::string_view key, LocationCode airport,
                   std::string_view terminal, Minutes local) {
  w.Key(key);
  w.BeginObject();
  w.Key("iataCode");
  WriteCode(w, airport);
  if (!terminal.empty()) {
    w.Key("terminal");
    w.String(terminal);
  }
  w.Key("at");
  WriteLocalDateTime(w, local);
  w.EndObject();
}

void WriteSegment(JsonWriter& w, const Segment& s, std::size_t id, int32_t co2_kg,
                  DictionaryCodes& seen) {
  w.BeginObject();
  WriteEndpoint(w, "departure", s.origin, s.origin_terminal, s.departure_local);
  WriteEndpoint(w, "arrival", s.destination, s.destination_terminal, s.arrival_local);
  w.Key("carrierCode");
  WriteCode(w, s.marketing_carrier);
  w.Key("number");
  w.String(s.marketing_flight_number);
  if (!s.aircraft_code.empty()) {
    w.Key("aircraft");
    w.BeginObject();
    w.Key("code");
    w.String(s.aircraft_code);
    w.EndObject();
  }
  const AirlineCode operating =
      s.operating_carrier.valid() ? s.operating_carrier : s.marketing_carrier;
  w.Key("operating");
  w.BeginObject();
  w.Key("carrierCode");
  WriteCode(w, operating);
  w.EndObject();
  w.Key("duration");
  Duration(w, suppliers::StatedSegmentMinutes(s));
  w.Key("id");
  Index(w, id);
  w.Key("numberOfStops");
  w.Int(s.technical_stops);
  w.Key("blacklistedInEU");
  w.Bool(false);
  if (co2_kg >= 0) {
    w.Key("co2Emissions");
    w.BeginArray();
    w.BeginObject();
    w.Key("weight");
    w.Int(co2_kg);
    w.Key("weightUnit");
    w.PlainString("KG");
    w.Key("cabin");
    w.PlainString(CabinCode(s.cabin == Cabin::kUnknown ? Cabin::kEconomy : s.cabin));
    w.EndObject();
    w.EndArray();
  }
  w.EndObject();

  seen.NoteSegment(s, operating);
}

}  // namespace

void WriteOffer(JsonWriter& w, const Offer& offer, std::size_t index, DictionaryCodes& seen,
                std::string& scratch) {
  const CurrencyCode currency = offer.total.currency;
  const int digits = refdata::MinorDigits(currency);
  seen.NoteCurrency(currency);
  std::size_t segment_count = 0;
  int64_t total_minutes = 0;
  for (const Slice& slice : offer.slices) {
    segment_count += slice.segments.size();
    for (const Segment& s : slice.segments)
      total_minutes += std::max(0, suppliers::StatedSegmentMinutes(s));
  }

  w.BeginObject();
  w.Key("type");
  w.PlainString("flight-offer");
  w.Key("id");
  Index(w, index + 1);
  w.Key("source");
  w.PlainString("GDS");
  w.Key("instantTicketingRequired");
  w.Bool(false);
  w.Key("nonHomogeneous");
  w.Bool(false);
  w.Key("oneWay");
  w.Bool(false);
  w.Key("isUpsellOffer");
  w.Bool(false);
  if (!offer.slices.empty() && !offer.slices.front().segments.empty()) {
    char date[10];
    FormatDate(DayOf(offer.slices.front().segments.front().departure_local) - 1, date);
    w.Key("lastTicketingDate");
    w.PlainString(std::string_view(date, sizeof date));
  }
  w.Key("numberOfBookableSeats");
  w.Int(offer.seats_available > 0 ? offer.seats_available : 9);

  // CO2 split over segments in proportion to their flying time, in whole kilograms that add up
  // to the offer's figure.
  const int64_t co2_total_kg =
      offer.supplier_co2_grams >= 0 ? DivideRounded(offer.supplier_co2_grams, 1000) : -1;
  int64_t co2_left = co2_total_kg;
  int64_t minutes_left = total_minutes;

  w.Key("itineraries");
  w.BeginArray();
  std::size_t id = 0;
  for (const Slice& slice : offer.slices) {
    w.BeginObject();
    w.Key("duration");
    Duration(w, suppliers::StatedSliceMinutes(slice));
    w.Key("segments");
    w.BeginArray();
    for (const Segment& s : slice.segments) {
      int32_t co2_kg = -1;
      if (co2_total_kg >= 0) {
        ++id;
        const int64_t minutes = std::max(0, suppliers::StatedSegmentMinutes(s));
        const int64_t share =
            id == segment_count || minutes_left <= 0 ? co2_left : co2_left * minutes / minutes_left;
        co2_kg = static_cast<int32_t>(share);
        co2_left -= share;
        minutes_left -= minutes;
        WriteSegment(w, s, id, co2_kg, seen);
      } else {
        WriteSegment(w, s, ++id, co2_kg, seen);
      }
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

  w.Key("price");
  w.BeginObject();
  w.Key("currency");
  WriteCode(w, currency);
  w.Key("total");
  WriteAmount(w, offer.total.minor, digits);
  if (offer.base.currency.valid()) {
    w.Key("base");
    WriteAmount(w, offer.base.minor, digits);
  }
  w.Key("fees");
  w.BeginArray();
  for (std::string_view type : {"SUPPLIER", "TICKETING"}) {
    w.BeginObject();
    w.Key("amount");
    WriteAmount(w, 0, digits);
    w.Key("type");
    w.PlainString(type);
    w.EndObject();
  }
  w.EndArray();
  w.Key("grandTotal");
  WriteAmount(w, offer.total.minor, digits);
  w.EndObject();

  w.Key("pricingOptions");
  w.BeginObject();
  w.Key("fareType");
  w.BeginArray();
  w.PlainString("PUBLISHED");
  w.EndArray();
  w.Key("includedCheckedBagsOnly");
  w.Bool(offer.bags.IncludesChecked());
  if (offer.conditions.refundable != Tristate::kUnknown) {
    w.Key("refundableFare");
    w.Bool(offer.conditions.refundable == Tristate::kYes);
  }
  w.EndObject();

  w.Key("validatingAirlineCodes");
  w.BeginArray();
  AirlineCode validating = offer.validating_carrier;
  if (!validating.valid() && !offer.slices.empty() && !offer.slices.front().segments.empty()) {
    validating = offer.slices.front().segments.front().marketing_carrier;
  }
  WriteCode(w, validating);
  w.EndArray();

  w.Key("travelerPricings");
  w.BeginArray();
  std::size_t traveler = 0;
  int adults = 0;
  for (const PassengerPrice& p : offer.passenger_prices) {
    if (p.type == PassengerType::kAdult) adults += p.count;
  }
  int infants_seen = 0;
  for (const PassengerPrice& p : offer.passenger_prices) {
    const int64_t base_each =
        offer.base.currency.valid() && offer.total.minor > 0
            ? DivideRounded(p.total_each.minor * offer.base.minor, offer.total.minor)
            : -1;
    for (int i = 0; i < p.count; ++i) {
      w.BeginObject();
      w.Key("travelerId");
      Index(w, ++traveler);
      w.Key("fareOption");
      w.PlainString("STANDARD");
      w.Key("travelerType");
      w.PlainString(kAmadeusTravelerTypes.NameOf(p.type));
      if (p.type == PassengerType::kInfant && adults > 0) {
        // Adults come first, so adult k has id k.
        w.Key("associatedAdultId");
        Index(w, static_cast<std::size_t>(infants_seen++ % adults) + 1);
      }
      w.Key("price");
      w.BeginObject();
      w.Key("currency");
      WriteCode(w, p.total_each.currency.valid() ? p.total_each.currency : currency);
      w.Key("total");
      WriteAmount(w, p.total_each.minor, digits);
      if (base_each >= 0) {
        w.Key("base");
        WriteAmount(w, base_each, digits);
      }
      w.EndObject();
      WriteFareDetails(w, offer, scratch);
      w.EndObject();
    }
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace fareflow::amadeus
