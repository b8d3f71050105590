#ifndef FAREFLOW_SUPPLIERS_AMADEUS_DICTIONARIES_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_DICTIONARIES_H_

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "core/json_writer.h"
#include "model/offer.h"

namespace fareflow::amadeus {

// What the `dictionaries` of a response list: every code its offers name, noted while the offers
// are written. `aircraft` views the offers' aircraft codes: it lives no longer than the offers.
// One per response; not thread-safe.
struct DictionaryCodes {
  std::bitset<LocationCode::kSpace> locations;
  std::bitset<AirlineCode::kSpace> carriers;
  std::vector<std::string_view> aircraft;  // in the order met
  std::vector<CurrencyCode> currencies;    // in the order met

  // Notes the airports, carriers (marketing, and `operating`) and aircraft of `s`.
  void NoteSegment(const Segment& s, AirlineCode operating);
  // Notes an offer's currency.
  void NoteCurrency(CurrencyCode currency);
};

// The `dictionaries` member: locations with their city and country, aircraft (sorted by code),
// currencies and carriers with their names in upper case, from the reference data.
void WriteDictionaries(JsonWriter& w, const DictionaryCodes& seen, std::string& scratch);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_DICTIONARIES_H_
