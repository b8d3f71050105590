#include "suppliers/duffel/response_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/datetime.h"
#include "core/json_values.h"
#include "core/json_writer.h"
#include "core/money.h"
#include "core/splitmix64.h"
#include "model/cabin.h"
#include "refdata/aircraft.h"
#include "refdata/airlines.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/time_zones.h"
#include "suppliers/stated_durations.h"

namespace fareflow::duffel {
namespace {

// Two values into one, order-sensitive.
constexpr uint64_t Mix(uint64_t a, uint64_t b) { return SplitMix64(SplitMix64(a) ^ b); }

// A Duffel-style id: prefix, "0000", then 18 base62 characters drawn from `h`
// ("off_0000AbCd…", 26 characters like the real ones).
void Id(JsonWriter& w, std::string_view prefix, uint64_t h) {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  char buf[32];
  std::size_t n = 0;
  for (char c : prefix) buf[n++] = c;
  buf[n++] = '_';
  for (int i = 0; i < 4; ++i) buf[n++] = '0';
  for (int i = 0; i < 18; ++i) {
    if (i == 9) h = SplitMix64(h);
    buf[n++] = kAlphabet[h % 62];
    h /= 62;
  }
  w.PlainString(std::string_view(buf, n));
}

// A UTC timestamp as Duffel writes it: "2026-11-20T10:12:<seconds>.000000Z" (`micros`) or
// "2026-11-20T10:12:<seconds>Z".
void UtcTime(JsonWriter& w, Minutes t, bool micros, int seconds = 0) {
  char buf[32];
  FormatLocalDateTime(t, buf);
  buf[17] = static_cast<char>('0' + seconds / 10 % 6);
  buf[18] = static_cast<char>('0' + seconds % 10);
  std::size_t n = 19;
  if (micros) {
    std::memcpy(buf + n, ".000000", 7);
    n += 7;
  }
  buf[n++] = 'Z';
  w.PlainString(std::string_view(buf, n));
}

// Duffel's zero-padded durations: "PT02H26M", "P1DT01H05M".
void Duration(JsonWriter& w, int32_t minutes) {
  minutes = std::max(0, minutes);
  char buf[32];
  const int days = minutes / 1440;
  const int hours = minutes % 1440 / 60;
  const int mins = minutes % 60;
  const int n = days > 0 ? std::snprintf(buf, sizeof buf, "P%dDT%02dH%02dM", days, hours, mins)
                         : std::snprintf(buf, sizeof buf, "PT%02dH%02dM", hours, mins);
  w.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
}

// Lower-case ASCII copy, for ids such as "arp_lhr_gb".
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// "arp_lhr_gb", "cit_lon_gb": Duffel's ids of places.
std::string PlaceId(std::string_view prefix, std::string_view code, std::string_view country) {
  std::string out;
  out.reserve(prefix.size() + code.size() + country.size() + 2);
  out.append(prefix);
  out.push_back('_');
  out.append(Lower(code));
  out.push_back('_');
  out.append(Lower(country));
  return out;
}

// A logo URL of Duffel's asset host for carrier `code`; `kind` is "logo" or "lockup".
std::string LogoUrl(std::string_view kind, std::string_view code) {
  std::string out = "https://assets.duffel.com/img/airlines/for-light-background/full-color-";
  out.append(kind);
  out.push_back('/');
  out.append(code);
  out.append(".svg");
  return out;
}

// A passenger as the offer request and its offers list them.
struct Passenger {
  PassengerType type = PassengerType::kAdult;
  int age = -1;  // -1: not stated
  uint64_t id_hash = 0;
};

std::string_view PassengerTypeName(PassengerType t) {
  switch (t) {
    case PassengerType::kChild:
      return "child";
    case PassengerType::kInfant:
      return "infant_without_seat";
    default:
      return "adult";
  }
}

// Serialises the objects that repeat across offers (places, carriers, aircraft) once and copies
// the bytes afterwards: a 1,000-offer page repeats the same few airports thousands of times.
class Writer {
 public:
  // `created_unix` >= 0: the creation time of every offer (Unix seconds); -1: drawn per offer.
  Writer(std::string& out, uint64_t key, int64_t created_unix = -1)
      : w_(out), key_(key), created_unix_(created_unix) {}

  JsonWriter& json() { return w_; }

  void Place(LocationCode code) {
    auto it = places_.find(code.index());
    if (it == places_.end()) {
      std::string text;
      JsonWriter pw(text);
      WritePlace(pw, code);
      pw.Finish();
      it = places_.emplace(code.index(), std::move(text)).first;
    }
    w_.Raw(it->second);
  }

  void Carrier(AirlineCode code) {
    auto it = carriers_.find(code.index());
    if (it == carriers_.end()) {
      std::string text;
      JsonWriter cw(text);
      WriteCarrier(cw, code);
      cw.Finish();
      it = carriers_.emplace(code.index(), std::move(text)).first;
    }
    w_.Raw(it->second);
  }

  void WriteOffer(const Offer& offer, std::size_t index, const std::vector<Passenger>& passengers);

 private:
  static void WriteCity(JsonWriter& w, const refdata::MetroCity& city) {
    w.BeginObject();
    w.Key("type");
    w.PlainString("city");
    w.Key("name");
    w.String(city.name);
    const std::string code = city.code.str();
    w.Key("id");
    w.String(PlaceId("cit", code, city.country));
    w.Key("iata_code");
    w.PlainString(code);
    w.Key("iata_country_code");
    w.String(city.country);
    w.EndObject();
  }

  static void WritePlace(JsonWriter& w, LocationCode code) {
    const std::string text = code.str();
    const refdata::Airport* a = refdata::FindAirport(code);
    w.BeginObject();
    w.Key("type");
    w.PlainString("airport");
    w.Key("iata_code");
    w.PlainString(text);
    if (a == nullptr) {
      w.EndObject();
      return;
    }
    w.Key("name");
    w.String(a->name);
    w.Key("id");
    w.String(PlaceId("arp", text, a->country));
    w.Key("icao_code");
    w.Null();
    w.Key("iata_country_code");
    w.String(a->country);
    w.Key("time_zone");
    w.String(refdata::TimeZoneName(a->time_zone));
    w.Key("latitude");
    w.Double(std::round(a->latitude * 1e6) / 1e6);
    w.Key("longitude");
    w.Double(std::round(a->longitude * 1e6) / 1e6);
    w.Key("city_name");
    w.String(a->city);
    const refdata::MetroCity* city = a->metro.valid() ? refdata::FindMetroCity(a->metro) : nullptr;
    w.Key("iata_city_code");
    w.PlainString(city != nullptr ? city->code.str() : text);
    w.Key("city");
    if (city != nullptr) {
      WriteCity(w, *city);
    } else {
      w.Null();
    }
    w.EndObject();
  }

  static void WriteCarrier(JsonWriter& w, AirlineCode code) {
    const std::string text = code.str();
    const refdata::Airline* airline = refdata::FindAirline(code);
    w.BeginObject();
    w.Key("name");
    w.String(airline != nullptr ? airline->name : std::string_view(text));
    w.Key("id");
    Id(w, "aln", Mix(0x616C6Eull, code.index()));
    w.Key("iata_code");
    w.PlainString(text);
    w.Key("logo_symbol_url");
    w.String(LogoUrl("logo", text));
    w.Key("logo_lockup_url");
    w.String(LogoUrl("lockup", text));
    w.Key("conditions_of_carriage_url");
    w.Null();
    w.EndObject();
  }

  void Condition(Tristate allowed, const Money& penalty, int digits) {
    if (allowed == Tristate::kUnknown) {
      w_.Null();
      return;
    }
    w_.BeginObject();
    w_.Key("allowed");
    w_.Bool(allowed == Tristate::kYes);
    w_.Key("penalty_amount");
    if (allowed == Tristate::kYes && penalty.currency.valid()) {
      WriteAmount(w_, penalty.minor, digits);
    } else {
      w_.Null();
    }
    w_.Key("penalty_currency");
    if (allowed == Tristate::kYes && penalty.currency.valid()) {
      WriteCode(w_, penalty.currency);
    } else {
      w_.Null();
    }
    w_.EndObject();
  }

  void SegmentPassengers(const Offer& offer, const Slice& slice,
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
      if (s.fare_basis.empty()) {
        w_.Null();
      } else {
        w_.String(s.fare_basis);
      }
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

  void WriteSegment(const Offer& offer, const Slice& slice,
                    const std::vector<Passenger>& passengers, const Segment& s, uint64_t id_hash) {
    w_.BeginObject();
    w_.Key("id");
    Id(w_, "seg", id_hash);
    w_.Key("origin");
    Place(s.origin);
    w_.Key("destination");
    Place(s.destination);
    w_.Key("origin_terminal");
    if (s.origin_terminal.empty()) {
      w_.Null();
    } else {
      w_.String(s.origin_terminal);
    }
    w_.Key("destination_terminal");
    if (s.destination_terminal.empty()) {
      w_.Null();
    } else {
      w_.String(s.destination_terminal);
    }
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
    if (s.operating_flight_number.empty()) {
      w_.Null();
    } else {
      w_.String(s.operating_flight_number);
    }
    w_.Key("stops");
    w_.BeginArray();
    w_.EndArray();
    w_.Key("media");
    w_.BeginArray();
    w_.EndArray();
    SegmentPassengers(offer, slice, passengers, s);
    w_.EndObject();
  }

  JsonWriter w_;
  uint64_t key_;
  int64_t created_unix_;
  std::unordered_map<uint16_t, std::string> places_;
  std::unordered_map<uint16_t, std::string> carriers_;
};

// The hash every id of the `index`-th offer of a response derives from.
uint64_t OfferHash(uint64_t key, const Offer& offer, std::size_t index) {
  uint64_t h = Mix(key, index);
  h = Mix(h, static_cast<uint64_t>(offer.total.minor));
  for (const Slice& slice : offer.slices) {
    for (const Segment& s : slice.segments) {
      h = Mix(h, (static_cast<uint64_t>(s.marketing_carrier.index()) << 48) ^
                     static_cast<uint64_t>(s.departure_local));
    }
  }
  return h;
}

void Writer::WriteOffer(const Offer& offer, std::size_t index,
                        const std::vector<Passenger>& passengers) {
  const CurrencyCode currency = offer.total.currency;
  const int digits = refdata::MinorDigits(currency);
  const uint64_t h = OfferHash(key_, offer, index);
  const Minutes first_departure = offer.slices.empty() || offer.slices.front().segments.empty()
                                      ? 0
                                      : offer.slices.front().segments.front().departure_local;
  // Searched a month before departure, at a time of day of its own, unless the time is given.
  Minutes created =
      (DayOf(first_departure) - 30) * Minutes{1440} + 600 + static_cast<Minutes>(key_ % 480);
  int sec = 0;
  if (created_unix_ >= 0) {
    created = created_unix_ / 60;
    sec = static_cast<int>(created_unix_ % 60);
  }

  w_.BeginObject();
  w_.Key("id");
  Id(w_, "off", h);
  w_.Key("live_mode");
  w_.Bool(false);
  w_.Key("created_at");
  UtcTime(w_, created, true, sec);
  w_.Key("updated_at");
  UtcTime(w_, created, true, sec);
  w_.Key("expires_at");
  UtcTime(w_, created + 30, true, sec);
  w_.Key("total_amount");
  WriteAmount(w_, offer.total.minor, digits);
  w_.Key("total_currency");
  WriteCode(w_, currency);
  const bool has_base = offer.base.currency.valid();
  w_.Key("base_amount");
  if (has_base) {
    WriteAmount(w_, offer.base.minor, digits);
  } else {
    w_.Null();
  }
  w_.Key("base_currency");
  WriteCode(w_, currency);
  w_.Key("tax_amount");
  if (has_base) {
    WriteAmount(w_, offer.total.minor - offer.base.minor, digits);
  } else {
    w_.Null();
  }
  w_.Key("tax_currency");
  WriteCode(w_, currency);
  int seats = 0;
  for (const Passenger& p : passengers) seats += p.type != PassengerType::kInfant ? 1 : 0;
  w_.Key("total_emissions_kg");
  if (offer.supplier_co2_grams >= 0) {
    char buf[24];
    const int n = std::snprintf(buf, sizeof buf, "%lld",
                                static_cast<long long>(DivideRounded(
                                    int64_t{offer.supplier_co2_grams} * std::max(1, seats), 1000)));
    w_.PlainString(std::string_view(buf, static_cast<std::size_t>(n)));
  } else {
    w_.Null();
  }

  AirlineCode owner = offer.validating_carrier;
  if (!owner.valid() && first_departure != 0) {
    owner = offer.slices.front().segments.front().marketing_carrier;
  }
  w_.Key("owner");
  Carrier(owner);

  std::vector<std::vector<uint64_t>> segment_ids;
  w_.Key("slices");
  w_.BeginArray();
  for (std::size_t si = 0; si < offer.slices.size(); ++si) {
    const Slice& slice = offer.slices[si];
    const uint64_t slice_hash = Mix(h, 0x736C69 + si);
    w_.BeginObject();
    w_.Key("id");
    Id(w_, "sli", slice_hash);
    w_.Key("origin_type");
    w_.PlainString("airport");
    w_.Key("origin");
    if (!slice.segments.empty()) {
      Place(slice.segments.front().origin);
    } else {
      w_.Null();
    }
    w_.Key("destination_type");
    w_.PlainString("airport");
    w_.Key("destination");
    if (!slice.segments.empty()) {
      Place(slice.segments.back().destination);
    } else {
      w_.Null();
    }
    w_.Key("duration");
    Duration(w_, suppliers::StatedSliceMinutes(slice));
    const std::string_view brand = slice.fare_brand.empty() ? offer.fare_brand : slice.fare_brand;
    w_.Key("fare_brand_name");
    if (brand.empty()) {
      w_.Null();
    } else {
      w_.String(brand);
    }
    w_.Key("comparison_key");
    Id(w_, "cmp", Mix(slice_hash, 7));
    w_.Key("ngs_shelf");
    w_.Int(std::clamp<int>(offer.bags.checked_pieces + 1, 1, 5));
    w_.Key("conditions");
    w_.BeginObject();
    w_.Key("change_before_departure");
    Condition(offer.conditions.changeable, offer.conditions.change_penalty, digits);
    w_.Key("advance_seat_selection");
    w_.Bool(offer.bags.IncludesChecked());
    w_.Key("priority_boarding");
    w_.Bool(offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst);
    w_.Key("priority_check_in");
    w_.Bool(offer.cabin == Cabin::kBusiness || offer.cabin == Cabin::kFirst);
    w_.EndObject();
    w_.Key("segments");
    w_.BeginArray();
    segment_ids.emplace_back();
    for (std::size_t k = 0; k < slice.segments.size(); ++k) {
      const uint64_t seg_hash = Mix(slice_hash, 0x736567 + k);
      segment_ids.back().push_back(seg_hash);
      WriteSegment(offer, slice, passengers, slice.segments[k], seg_hash);
    }
    w_.EndArray();
    w_.EndObject();
  }
  w_.EndArray();

  w_.Key("passengers");
  w_.BeginArray();
  for (const Passenger& p : passengers) {
    w_.BeginObject();
    w_.Key("id");
    Id(w_, "pas", p.id_hash);
    w_.Key("type");
    w_.PlainString(PassengerTypeName(p.type));
    if (p.age >= 0) {
      w_.Key("age");
      w_.Int(p.age);
    }
    w_.Key("given_name");
    w_.Null();
    w_.Key("family_name");
    w_.Null();
    w_.Key("fare_type");
    w_.Null();
    w_.Key("loyalty_programme_accounts");
    w_.BeginArray();
    w_.EndArray();
    w_.EndObject();
  }
  w_.EndArray();

  w_.Key("conditions");
  w_.BeginObject();
  w_.Key("refund_before_departure");
  Condition(offer.conditions.refundable, offer.conditions.refund_penalty, digits);
  w_.Key("change_before_departure");
  Condition(offer.conditions.changeable, offer.conditions.change_penalty, digits);
  w_.EndObject();

  w_.Key("payment_requirements");
  w_.BeginObject();
  w_.Key("requires_instant_payment");
  w_.Bool(false);
  w_.Key("price_guarantee_expires_at");
  UtcTime(w_, created + 2 * 1440, false, sec);
  w_.Key("payment_required_by");
  UtcTime(w_, created + 3 * 1440, false, sec);
  w_.EndObject();

  // One extra checked bag per seated passenger for the whole journey, priced at a share of the
  // fare.
  const int64_t bag_price = std::max<int64_t>(
      1, DivideRounded(offer.total.minor,
                       25 * static_cast<int64_t>(std::max<std::size_t>(1, passengers.size()))));
  w_.Key("available_services");
  w_.BeginArray();
  {
    for (const Passenger& p : passengers) {
      if (p.type == PassengerType::kInfant) continue;
      w_.BeginObject();
      w_.Key("id");
      Id(w_, "ase", Mix(h, p.id_hash));
      w_.Key("type");
      w_.PlainString("baggage");
      w_.Key("maximum_quantity");
      w_.Int(offer.bags.IncludesChecked() ? 1 : 2);
      w_.Key("metadata");
      w_.BeginObject();
      w_.Key("type");
      w_.PlainString("checked");
      w_.Key("maximum_weight_kg");
      w_.Int(23);
      w_.Key("maximum_length_cm");
      w_.Int(90);
      w_.Key("maximum_height_cm");
      w_.Int(75);
      w_.Key("maximum_depth_cm");
      w_.Int(43);
      w_.EndObject();
      w_.Key("passenger_ids");
      w_.BeginArray();
      Id(w_, "pas", p.id_hash);
      w_.EndArray();
      w_.Key("segment_ids");
      w_.BeginArray();
      for (const std::vector<uint64_t>& slice_ids : segment_ids) {
        for (uint64_t seg : slice_ids) Id(w_, "seg", seg);
      }
      w_.EndArray();
      w_.Key("total_amount");
      WriteAmount(w_, bag_price, digits);
      w_.Key("total_currency");
      WriteCode(w_, currency);
      w_.EndObject();
    }
  }
  w_.EndArray();

  w_.Key("partial");
  w_.Bool(false);
  w_.Key("passenger_identity_documents_required");
  w_.Bool(false);
  w_.Key("supported_passenger_identity_document_types");
  w_.BeginArray();
  w_.PlainString("passport");
  w_.EndArray();
  w_.Key("supported_loyalty_programmes");
  w_.BeginArray();
  if (owner.valid()) w_.PlainString(owner.str());
  w_.EndArray();
  w_.Key("private_fares");
  w_.BeginArray();
  w_.EndArray();
  w_.EndObject();
}

// A key for the ids of one response, from what it is about.
uint64_t ResponseKey(std::span<const Offer> offers) {
  uint64_t h = Mix(0x6475666665ull, offers.size());
  if (!offers.empty() && !offers.front().slices.empty() &&
      !offers.front().slices.front().segments.empty()) {
    const Segment& s = offers.front().slices.front().segments.front();
    h = Mix(h, (static_cast<uint64_t>(s.origin.index()) << 32) ^ s.destination.index());
    h = Mix(h, static_cast<uint64_t>(s.departure_local));
  }
  return h;
}

// Passengers of an offer from its passenger_prices, ids from `key`.
std::vector<Passenger> PassengersOf(const Offer& offer, uint64_t key) {
  std::vector<Passenger> out;
  for (const PassengerPrice& p : offer.passenger_prices) {
    for (int i = 0; i < p.count; ++i) {
      Passenger passenger;
      passenger.type = p.type;
      passenger.id_hash = Mix(key, 0x706173 + out.size());
      out.push_back(passenger);
    }
  }
  if (out.empty()) out.push_back(Passenger{PassengerType::kAdult, -1, Mix(key, 0x706173)});
  return out;
}

// A request slice's endpoint: an airport place, or a city with its airports.
void RequestPlace(Writer& writer, LocationCode code) {
  JsonWriter& w = writer.json();
  const refdata::MetroCity* city = refdata::FindMetroCity(code);
  if (refdata::FindAirport(code) != nullptr || city == nullptr) {
    writer.Place(code);
    return;
  }
  const std::string text = code.str();
  w.BeginObject();
  w.Key("type");
  w.PlainString("city");
  w.Key("name");
  w.String(city->name);
  w.Key("id");
  w.String(PlaceId("cit", text, city->country));
  w.Key("iata_code");
  w.PlainString(text);
  w.Key("iata_country_code");
  w.String(city->country);
  w.Key("airports");
  w.BeginArray();
  for (LocationCode a : city->airports) writer.Place(a);
  w.EndArray();
  w.EndObject();
}

// The passengers of an offer request, in the order Duffel lists them, ids from `key`.
std::vector<Passenger> RequestPassengers(const SearchRequest& request, uint64_t key) {
  std::vector<Passenger> passengers;
  for (int i = 0; i < request.passengers.adults; ++i) {
    passengers.push_back({PassengerType::kAdult, -1, Mix(key, 0x706173 + passengers.size())});
  }
  for (int age : request.passengers.child_ages) {
    passengers.push_back({PassengerType::kChild, age, Mix(key, 0x706173 + passengers.size())});
  }
  for (int i = 0; i < request.passengers.infants; ++i) {
    passengers.push_back({PassengerType::kInfant, 1, Mix(key, 0x706173 + passengers.size())});
  }
  return passengers;
}

// An id written by Id(), without its quotes.
std::string IdText(std::string_view prefix, uint64_t h) {
  std::string text;
  {
    JsonWriter w(text);
    Id(w, prefix, h);
  }
  return text.substr(1, text.size() - 2);
}

}  // namespace

uint64_t DefaultOfferRequestKey(std::span<const Offer> offers, const SearchRequest& request) {
  uint64_t key = Mix(0x6F7271ull, request.slices.size());
  for (const SliceRequest& s : request.slices) {
    key = Mix(key, (static_cast<uint64_t>(s.origin.index()) << 40) ^
                       (static_cast<uint64_t>(s.destination.index()) << 20) ^
                       static_cast<uint64_t>(s.departure_date));
  }
  return Mix(key, ResponseKey(offers));
}

std::string OfferRequestId(const OfferRequestContext& context) {
  return IdText("orq", context.key);
}

std::string OfferId(const Offer& offer, std::size_t index, const OfferRequestContext& context) {
  return IdText("off", OfferHash(context.key, offer, index));
}

void WriteOfferRequestResponse(std::span<const Offer> offers, const SearchRequest& request,
                               std::string& out) {
  WriteOfferRequest(offers, request, OfferRequestContext{DefaultOfferRequestKey(offers, request)},
                    /*include_offers=*/true, out);
}

void WriteOfferRequest(std::span<const Offer> offers, const SearchRequest& request,
                       const OfferRequestContext& context, bool include_offers, std::string& out) {
  out.reserve(out.size() + 8192 + (include_offers ? offers.size() * 6000 : 0));
  const uint64_t key = context.key;
  const std::vector<Passenger> passengers = RequestPassengers(request, key);

  Writer writer(out, key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  const Days first_date = request.slices.empty() ? 0 : request.slices.front().departure_date;
  Minutes created = (first_date - 30) * Minutes{1440} + 600 + static_cast<Minutes>(key % 480);
  int sec = 0;
  if (context.created_unix_seconds >= 0) {
    created = context.created_unix_seconds / 60;
    sec = static_cast<int>(context.created_unix_seconds % 60);
  }
  w.BeginObject();
  w.Key("data");
  w.BeginObject();
  w.Key("id");
  Id(w, "orq", key);
  w.Key("live_mode");
  w.Bool(false);
  w.Key("created_at");
  UtcTime(w, created, true, sec);
  w.Key("cabin_class");
  w.PlainString(CabinName(request.cabin == Cabin::kUnknown ? Cabin::kEconomy : request.cabin));
  w.Key("client_key");
  Id(w, "SFMyNTY", Mix(key, 0x636B));
  w.Key("slices");
  w.BeginArray();
  for (const SliceRequest& s : request.slices) {
    const bool origin_city = refdata::FindAirport(s.origin) == nullptr;
    const bool destination_city = refdata::FindAirport(s.destination) == nullptr;
    w.BeginObject();
    w.Key("origin_type");
    w.PlainString(origin_city ? "city" : "airport");
    w.Key("origin");
    RequestPlace(writer, s.origin);
    w.Key("destination_type");
    w.PlainString(destination_city ? "city" : "airport");
    w.Key("destination");
    RequestPlace(writer, s.destination);
    char date[10];
    FormatDate(s.departure_date, date);
    w.Key("departure_date");
    w.PlainString(std::string_view(date, sizeof date));
    w.Key("departure_time");
    w.Null();
    w.Key("arrival_time");
    w.Null();
    w.EndObject();
  }
  w.EndArray();
  w.Key("passengers");
  w.BeginArray();
  for (const Passenger& p : passengers) {
    w.BeginObject();
    w.Key("id");
    Id(w, "pas", p.id_hash);
    w.Key("type");
    w.PlainString(PassengerTypeName(p.type));
    if (p.age >= 0) {
      w.Key("age");
      w.Int(p.age);
    }
    w.Key("given_name");
    w.Null();
    w.Key("family_name");
    w.Null();
    w.Key("fare_type");
    w.Null();
    w.Key("loyalty_programme_accounts");
    w.BeginArray();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("offers");
  w.BeginArray();
  if (include_offers) {
    for (std::size_t i = 0; i < offers.size(); ++i) writer.WriteOffer(offers[i], i, passengers);
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
}

void WriteOfferRequestOffersPage(std::span<const Offer> offers,
                                 std::span<const std::size_t> indices, const SearchRequest& request,
                                 const OfferRequestContext& context, const ListPageMeta& meta,
                                 std::string& out) {
  out.reserve(out.size() + 1024 + indices.size() * 6000);
  const std::vector<Passenger> passengers = RequestPassengers(request, context.key);
  Writer writer(out, context.key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("limit");
  w.Int(meta.limit);
  for (auto [name, cursor] : {std::pair{"before", meta.before}, {"after", meta.after}}) {
    w.Key(name);
    if (cursor.empty()) {
      w.Null();
    } else {
      w.String(cursor);
    }
  }
  w.EndObject();
  w.Key("data");
  w.BeginArray();
  for (std::size_t i : indices) writer.WriteOffer(offers[i], i, passengers);
  w.EndArray();
  w.EndObject();
}

void WriteOfferRequestOffer(const Offer& offer, std::size_t index, const SearchRequest& request,
                            const OfferRequestContext& context, std::string& out) {
  out.reserve(out.size() + 8192);
  const std::vector<Passenger> passengers = RequestPassengers(request, context.key);
  Writer writer(out, context.key, context.created_unix_seconds);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("data");
  writer.WriteOffer(offer, index, passengers);
  w.EndObject();
}

void WriteOffersListPage(std::span<const Offer> offers, std::string_view after_cursor, int limit,
                         std::string& out) {
  out.reserve(out.size() + 1024 + offers.size() * 6000);
  const uint64_t key = ResponseKey(offers);
  Writer writer(out, key);
  JsonWriter& w = writer.json();
  w.BeginObject();
  w.Key("meta");
  w.BeginObject();
  w.Key("limit");
  w.Int(limit);
  w.Key("before");
  w.Null();
  w.Key("after");
  if (after_cursor.empty()) {
    w.Null();
  } else {
    w.String(after_cursor);
  }
  w.EndObject();
  w.Key("data");
  w.BeginArray();
  for (std::size_t i = 0; i < offers.size(); ++i) {
    writer.WriteOffer(offers[i], i, PassengersOf(offers[i], key));
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace fareflow::duffel
