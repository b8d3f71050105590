#include "suppliers/amadeus/response_writer.h"

#include <algorithm>
#include <bitset>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/datetime.h"
#include "core/json_values.h"
#include "core/json_writer.h"
#include "core/money.h"
#include "refdata/aircraft.h"
#include "refdata/airlines.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/time_zones.h"
#include "suppliers/amadeus/travel_class.h"
#include "suppliers/stated_durations.h"

namespace fareflow::amadeus {
namespace {

void Duration(JsonWriter& w, int32_t minutes) {
  char buf[16];
  const int n = FormatIsoDuration(std::max(0, minutes), buf);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
}

void Index(JsonWriter& w, std::size_t i) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, i);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

// Writes `s` in ASCII upper case, as Amadeus writes dictionary names and brand labels.
void Upper(JsonWriter& w, std::string_view s, std::string& scratch) {
  scratch.assign(s);
  for (char& c : scratch) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  w.String(scratch);
}

// The TravelClass a segment's fare is written with: economy when the cabin is unknown, since the
// field is required.
std::string_view CabinCode(Cabin c) {
  return TravelClassName(c == Cabin::kUnknown ? Cabin::kEconomy : c);
}

// The brand's code as Amadeus writes brandedFare: the last word of the brand in upper case
// ("Economy Light" -> "LIGHT").
void BrandCode(JsonWriter& w, std::string_view brand, std::string& scratch) {
  const std::size_t space = brand.rfind(' ');
  Upper(w, space == std::string_view::npos ? brand : brand.substr(space + 1), scratch);
}

// Whether Amadeus lists amenities for the fares of `carrier`: only for carriers that file them
// with their branded fares, about half of them here (a fixed pick by code).
bool FilesAmenities(AirlineCode carrier) {
  return carrier.valid() && ((carrier.index() * 2654435761u) >> 7) % 2 == 0;
}

// The amenities Amadeus lists for a branded fare: bags, changes, refunds, meals.
void Amenities(JsonWriter& w, const Offer& offer) {
  struct Amenity {
    std::string_view description;
    bool chargeable;
    std::string_view type;
  };
  const bool checked = offer.bags.IncludesChecked();
  const bool changeable = offer.conditions.changeable == Tristate::kYes;
  const bool refundable = offer.conditions.refundable == Tristate::kYes;
  const bool business = offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst;
  const Amenity amenities[] = {
      {"CHECKED BAG 1PC OF 23KG 158CM", !checked, "BAGGAGE"},
      {"CHANGEABLE TICKET", !changeable || offer.conditions.change_penalty.minor > 0,
       "BRANDED_FARES"},
      {"REFUNDABLE TICKET", !refundable || offer.conditions.refund_penalty.minor > 0,
       "BRANDED_FARES"},
      {business ? "PRIORITY BOARDING" : "SNACK", false, business ? "TRAVEL_SERVICES" : "MEAL"},
  };
  w.Key("amenities");
  w.BeginArray();
  for (const Amenity& a : amenities) {
    w.BeginObject();
    w.Key("description");
    w.PlainString(a.description);
    w.Key("isChargeable");
    w.Bool(a.chargeable);
    w.Key("amenityType");
    w.PlainString(a.type);
    w.Key("amenityProvider");
    w.BeginObject();
    w.Key("name");
    w.PlainString("BrandedFare");
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

std::string_view TravelerType(PassengerType t) {
  switch (t) {
    case PassengerType::kChild:
      return "CHILD";
    case PassengerType::kInfant:
      return "HELD_INFANT";
    default:
      return "ADULT";
  }
}

// What the dictionaries will list: every code seen while writing the offers.
struct Seen {
  std::bitset<LocationCode::kSpace> locations;
  std::bitset<AirlineCode::kSpace> carriers;
  std::vector<std::string_view> aircraft;
  std::vector<CurrencyCode> currencies;
};

void WriteSegment(JsonWriter& w, const Segment& s, std::size_t id, int32_t co2_kg, Seen& seen) {
  w.BeginObject();
  w.Key("departure");
  w.BeginObject();
  w.Key("iataCode");
  WriteCode(w, s.origin);
  if (!s.origin_terminal.empty()) {
    w.Key("terminal");
    w.String(s.origin_terminal);
  }
  w.Key("at");
  WriteLocalDateTime(w, s.departure_local);
  w.EndObject();
  w.Key("arrival");
  w.BeginObject();
  w.Key("iataCode");
  WriteCode(w, s.destination);
  if (!s.destination_terminal.empty()) {
    w.Key("terminal");
    w.String(s.destination_terminal);
  }
  w.Key("at");
  WriteLocalDateTime(w, s.arrival_local);
  w.EndObject();
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

  if (s.origin.valid()) seen.locations.set(s.origin.index());
  if (s.destination.valid()) seen.locations.set(s.destination.index());
  if (s.marketing_carrier.valid()) seen.carriers.set(s.marketing_carrier.index());
  if (operating.valid()) seen.carriers.set(operating.index());
  if (!s.aircraft_code.empty() && std::find(seen.aircraft.begin(), seen.aircraft.end(),
                                            s.aircraft_code) == seen.aircraft.end()) {
    seen.aircraft.push_back(s.aircraft_code);
  }
}

void WriteFareDetails(JsonWriter& w, const Offer& offer, std::string& scratch) {
  w.Key("fareDetailsBySegment");
  w.BeginArray();
  std::size_t id = 0;
  for (const Slice& slice : offer.slices) {
    const std::string_view brand = slice.fare_brand.empty() ? offer.fare_brand : slice.fare_brand;
    for (const Segment& s : slice.segments) {
      w.BeginObject();
      w.Key("segmentId");
      Index(w, ++id);
      w.Key("cabin");
      w.PlainString(CabinCode(s.cabin == Cabin::kUnknown ? offer.cabin : s.cabin));
      if (!s.fare_basis.empty()) {
        w.Key("fareBasis");
        w.String(s.fare_basis);
      }
      if (!brand.empty()) {
        w.Key("brandedFare");
        BrandCode(w, brand, scratch);
        w.Key("brandedFareLabel");
        Upper(w, brand, scratch);
      }
      if (!s.booking_class.empty()) {
        w.Key("class");
        w.String(s.booking_class);
      }
      if (offer.bags.checked_weight_kg > 0) {
        w.Key("includedCheckedBags");
        w.BeginObject();
        w.Key("weight");
        w.Int(offer.bags.checked_weight_kg);
        w.Key("weightUnit");
        w.PlainString("KG");
        w.EndObject();
      } else if (offer.bags.checked_pieces >= 0) {
        w.Key("includedCheckedBags");
        w.BeginObject();
        w.Key("quantity");
        w.Int(offer.bags.checked_pieces);
        w.EndObject();
      }
      if (offer.bags.cabin_pieces >= 0) {
        w.Key("includedCabinBags");
        w.BeginObject();
        w.Key("quantity");
        w.Int(offer.bags.cabin_pieces);
        w.EndObject();
      }
      if (FilesAmenities(offer.validating_carrier)) Amenities(w, offer);
      w.EndObject();
    }
  }
  w.EndArray();
}

void WriteOffer(JsonWriter& w, const Offer& offer, std::size_t index, Seen& seen,
                std::string& scratch) {
  const CurrencyCode currency = offer.total.currency;
  const int digits = refdata::MinorDigits(currency);
  if (currency.valid() && std::find(seen.currencies.begin(), seen.currencies.end(), currency) ==
                              seen.currencies.end()) {
    seen.currencies.push_back(currency);
  }
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
      w.PlainString(TravelerType(p.type));
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

void WriteSelfLink(const SearchRequest& request, std::size_t count, std::string& link) {
  link = "https://test.api.amadeus.com/v2/shopping/flight-offers?";
  char date[10];
  if (!request.slices.empty()) {
    const SliceRequest& first = request.slices.front();
    link += "originLocationCode=" + first.origin.str();
    link += "&destinationLocationCode=" + first.destination.str();
    FormatDate(first.departure_date, date);
    link += "&departureDate=";
    link.append(date, sizeof date);
    if (request.slices.size() == 2) {
      FormatDate(request.slices[1].departure_date, date);
      link += "&returnDate=";
      link.append(date, sizeof date);
    }
  }
  link += "&adults=" + std::to_string(request.passengers.adults);
  if (request.passengers.children() > 0) {
    link += "&children=" + std::to_string(request.passengers.children());
  }
  if (request.passengers.infants > 0) {
    link += "&infants=" + std::to_string(request.passengers.infants);
  }
  link += "&travelClass=";
  link += CabinCode(request.cabin);
  link += "&currencyCode=" + request.currency.str();
  link += "&max=" + std::to_string(count);
}

void WriteDictionaries(JsonWriter& w, const Seen& seen, std::string& scratch) {
  w.Key("dictionaries");
  w.BeginObject();
  w.Key("locations");
  w.BeginObject();
  for (std::size_t i = 0; i < seen.locations.size(); ++i) {
    if (!seen.locations.test(i)) continue;
    const LocationCode code = LocationCode::FromIndex(static_cast<uint16_t>(i));
    const refdata::Airport* a = refdata::FindAirport(code);
    char buf[3];
    code.Write(buf);
    w.Key(std::string_view(buf, 3));
    w.BeginObject();
    w.Key("cityCode");
    WriteCode(w, a != nullptr && a->metro.valid() ? a->metro : code);
    if (a != nullptr && !a->country.empty()) {
      w.Key("countryCode");
      w.String(a->country);
    }
    w.EndObject();
  }
  w.EndObject();

  w.Key("aircraft");
  w.BeginObject();
  std::vector<std::string_view> aircraft = seen.aircraft;
  std::sort(aircraft.begin(), aircraft.end());
  for (std::string_view code : aircraft) {
    const refdata::AircraftType* type = refdata::FindAircraft(code);
    w.Key(code);
    Upper(w, type != nullptr ? type->name : code, scratch);
  }
  w.EndObject();

  w.Key("currencies");
  w.BeginObject();
  for (CurrencyCode c : seen.currencies) {
    const refdata::Currency* currency = refdata::FindCurrency(c);
    const std::string code = c.str();
    w.Key(code);
    Upper(w, currency != nullptr ? currency->name : std::string_view(code), scratch);
  }
  w.EndObject();

  w.Key("carriers");
  w.BeginObject();
  for (std::size_t i = 0; i < seen.carriers.size(); ++i) {
    if (!seen.carriers.test(i)) continue;
    const AirlineCode code = AirlineCode::FromIndex(static_cast<uint16_t>(i));
    const refdata::Airline* airline = refdata::FindAirline(code);
    const std::string text = code.str();
    w.Key(text);
    Upper(w, airline != nullptr ? airline->name : std::string_view(text), scratch);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteFlightOffersResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out) {
  // About 2.5 KB per offer for two travellers over four segments; one reservation up front.
  out.reserve(out.size() + 4096 + offers.size() * 3000);
  JsonWriter w(out);
  std::string scratch;
  w.BeginObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("count");
  w.Int(static_cast<int64_t>(offers.size()));
  w.Key("links");
  w.BeginObject();
  w.Key("self");
  WriteSelfLink(request, offers.size(), scratch);
  w.String(scratch);
  w.EndObject();
  w.EndObject();

  Seen seen;
  w.Key("data");
  w.BeginArray();
  for (std::size_t i = 0; i < offers.size(); ++i) WriteOffer(w, offers[i], i, seen, scratch);
  w.EndArray();
  WriteDictionaries(w, seen, scratch);
  w.EndObject();
}

}  // namespace fareflow::amadeus
