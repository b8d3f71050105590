#include "suppliers/amadeus/dictionaries.h"

#include <algorithm>
#include <cstdint>

#include "core/json_values.h"
#include "refdata/aircraft.h"
#include "refdata/airlines.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "suppliers/amadeus/writer_values.h"

namespace fareflow::amadeus {

void DictionaryCodes::NoteSegment(const Segment& s, AirlineCode operating) {
  if (s.origin.valid()) locations.set(s.origin.index());
  if (s.destination.valid()) locations.set(s.destination.index());
  if (s.marketing_carrier.valid()) carriers.set(s.marketing_carrier.index());
  if (operating.valid()) carriers.set(operating.index());
  if (!s.aircraft_code.empty() &&
      std::find(aircraft.begin(), aircraft.end(), s.aircraft_code) == aircraft.end()) {
    aircraft.push_back(s.aircraft_code);
  }
}

void DictionaryCodes::NoteCurrency(CurrencyCode currency) {
  if (currency.valid() &&
      std::find(currencies.begin(), currencies.end(), currency) == currencies.end()) {
    currencies.push_back(currency);
  }
}

namespace {

// Calls `write(code)` for each code set in `seen`, in the order of the codes.
template <typename Code, std::size_t N, typename Write>
void ForEachCode(const std::bitset<N>& seen, Write write) {
  for (std::size_t i = 0; i < N; ++i) {
    if (seen.test(i)) write(Code::FromIndex(static_cast<uint16_t>(i)));
  }
}

}  // namespace

void WriteDictionaries(JsonWriter& w, const DictionaryCodes& seen, std::string& scratch) {
  w.Key("dictionaries");
  w.BeginObject();
  w.Key("locations");
  w.BeginObject();
  ForEachCode<LocationCode>(seen.locations, [&](LocationCode code) {
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
  });
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
  ForEachCode<AirlineCode>(seen.carriers, [&](AirlineCode code) {
    const refdata::Airline* airline = refdata::FindAirline(code);
    const std::string text = code.str();
    w.Key(text);
    Upper(w, airline != nullptr ? airline->name : std::string_view(text), scratch);
  });
  w.EndObject();
  w.EndObject();
}

}  // namespace fareflow::amadeus
