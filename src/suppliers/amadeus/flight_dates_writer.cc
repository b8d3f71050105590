#include "suppliers/amadeus/flight_dates_writer.h"

#include <bitset>

#include "core/json_values.h"
#include "core/json_writer.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "suppliers/amadeus/writer_values.h"

namespace fareflow::amadeus {
namespace {

void WriteDate(JsonWriter& w, Days day) {
  char date[10];
  FormatDate(day, date);
  w.String(std::string_view(date, sizeof date));
}

void WriteItem(JsonWriter& w, DatesResource resource, const DatesItem& item) {
  const bool dates = resource == DatesResource::kFlightDate;
  w.BeginObject();
  w.Key("type");
  w.String(dates ? "flight-date" : "flight-destination");
  w.Key("origin");
  WriteCode(w, item.origin);
  w.Key("destination");
  WriteCode(w, item.destination);
  w.Key("departureDate");
  WriteDate(w, item.departure);
  if (item.return_date) {
    w.Key("returnDate");
    WriteDate(w, *item.return_date);
  }
  w.Key("price");
  w.BeginObject();
  w.Key("total");
  WriteAmount(w, item.price.minor, refdata::MinorDigits(item.price.currency));
  w.EndObject();
  w.Key("links");
  w.BeginObject();
  if (!item.other_search_link.empty()) {
    w.Key(dates ? "flightDestinations" : "flightDates");
    w.String(item.other_search_link);
  }
  w.Key("flightOffers");
  w.String(item.offers_link);
  w.EndObject();
  w.EndObject();
}

// `locations`: AIRPORT for an airport code, CITY for a metro city's.
void WriteLocations(JsonWriter& w, const std::bitset<LocationCode::kSpace>& seen,
                    std::string& scratch) {
  w.Key("locations");
  w.BeginObject();
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!seen.test(i)) continue;
    const LocationCode code = LocationCode::FromIndex(static_cast<uint16_t>(i));
    const refdata::MetroCity* city = refdata::FindMetroCity(code);
    const refdata::Airport* airport = refdata::FindAirport(code);
    const std::string text = code.str();
    w.Key(text);
    w.BeginObject();
    w.Key("subType");
    w.String(city != nullptr ? "CITY" : "AIRPORT");
    w.Key("detailedName");
    const std::string_view name = city != nullptr      ? city->name
                                  : airport != nullptr ? airport->name
                                                       : std::string_view(text);
    Upper(w, name, scratch);
    w.EndObject();
  }
  w.EndObject();
}

void WriteMeta(JsonWriter& w, const DatesMeta& meta) {
  w.Key("meta");
  w.BeginObject();
  w.Key("currency");
  WriteCode(w, meta.currency);
  w.Key("links");
  w.BeginObject();
  w.Key("self");
  w.String(meta.self);
  w.EndObject();
  w.Key("defaults");
  w.BeginObject();
  if (meta.departure_date) {
    w.Key("departureDate");
    w.String(*meta.departure_date);
  }
  if (meta.one_way) {
    w.Key("oneWay");
    w.Bool(*meta.one_way);
  }
  if (meta.duration) {
    w.Key("duration");
    w.String(*meta.duration);
  }
  if (meta.non_stop) {
    w.Key("nonStop");
    w.Bool(*meta.non_stop);
  }
  if (meta.view_by) {
    w.Key("viewBy");
    w.String(*meta.view_by);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteFlightDatesResponse(DatesResource resource, std::span<const DatesItem> items,
                              const DatesMeta& meta, std::string& out) {
  // About 400 bytes per item with its two links.
  out.reserve(out.size() + 1024 + items.size() * 400);
  JsonWriter w(out);
  std::string scratch;
  std::bitset<LocationCode::kSpace> locations;
  w.BeginObject();
  w.Key("data");
  w.BeginArray();
  for (const DatesItem& item : items) {
    WriteItem(w, resource, item);
    if (item.origin.valid()) locations.set(item.origin.index());
    if (item.destination.valid()) locations.set(item.destination.index());
  }
  w.EndArray();
  w.Key("dictionaries");
  w.BeginObject();
  w.Key("currencies");
  w.BeginObject();
  const refdata::Currency* currency = refdata::FindCurrency(meta.currency);
  const std::string code = meta.currency.str();
  w.Key(code);
  Upper(w, currency != nullptr ? currency->name : std::string_view(code), scratch);
  w.EndObject();
  WriteLocations(w, locations, scratch);
  w.EndObject();
  WriteMeta(w, meta);
  w.EndObject();
}

}  // namespace fareflow::amadeus
