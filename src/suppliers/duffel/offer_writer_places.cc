// OfferWriter's places and carriers: the objects that repeat across offers, written once per
// response and copied afterwards.

#include "suppliers/duffel/offer_writer.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "core/json_values.h"
#include "refdata/airlines.h"
#include "refdata/time_zones.h"

namespace fareflow::duffel {
namespace {

// Copies the bytes cached under `key` into `w`, writing them with `write` on first use.
template <typename Write>
void CachedRaw(JsonWriter& w, std::unordered_map<uint16_t, std::string>& cache, uint16_t key,
               Write write) {
  auto it = cache.find(key);
  if (it == cache.end()) {
    std::string text;
    JsonWriter cached(text);
    write(cached);
    cached.Finish();
    it = cache.emplace(key, std::move(text)).first;
  }
  w.Raw(it->second);
}

}  // namespace

void OfferWriter::Place(LocationCode code) {
  CachedRaw(w_, places_, code.index(), [code](JsonWriter& w) { WritePlace(w, code); });
}

void OfferWriter::RequestPlace(LocationCode code) {
  const refdata::MetroCity* city = refdata::FindMetroCity(code);
  if (refdata::FindAirport(code) != nullptr || city == nullptr) {
    Place(code);
    return;
  }
  w_.BeginObject();
  CityMembers(w_, *city);
  w_.Key("airports");
  w_.BeginArray();
  for (LocationCode a : city->airports) Place(a);
  w_.EndArray();
  w_.EndObject();
}

void OfferWriter::Carrier(AirlineCode code) {
  CachedRaw(w_, carriers_, code.index(), [code](JsonWriter& w) { WriteCarrier(w, code); });
}

void OfferWriter::CityMembers(JsonWriter& w, const refdata::MetroCity& city) {
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
}

void OfferWriter::WriteCity(JsonWriter& w, const refdata::MetroCity& city) {
  w.BeginObject();
  CityMembers(w, city);
  w.EndObject();
}

void OfferWriter::WritePlace(JsonWriter& w, LocationCode code) {
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

void OfferWriter::WriteCarrier(JsonWriter& w, AirlineCode code) {
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

}  // namespace fareflow::duffel
