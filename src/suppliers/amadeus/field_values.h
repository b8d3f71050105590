#ifndef FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/cabin.h"
#include "model/name_tables.h"
#include "model/offer.h"

namespace fareflow::amadeus::internal {

// Interpreters of single Amadeus field values, shared by the offer reader's files.

inline int16_t ClampInt16(int64_t v) {
  return static_cast<int16_t>(std::clamp<int64_t>(v, 0, INT16_MAX));
}

// Pounds to whole kilograms, rounded to nearest (50 LB -> 23 kg); exact integer arithmetic.
inline int64_t PoundsToKg(int64_t lb) { return (lb * 45'359'237 + 50'000'000) / 100'000'000; }

// Weight unit as Amadeus writes it ("KG", "LB"; tolerating "KGS", "LBS", lower case). nullopt
// for anything else.
inline std::optional<bool> IsPounds(std::string_view unit) {
  if (unit.empty()) return false;  // the unit defaults to kilograms
  const char c = unit[0];
  if (c == 'K' || c == 'k') return false;
  if (c == 'L' || c == 'l') return true;
  return std::nullopt;
}

// A flight number as Amadeus writes it: 1 to 5 letters or digits (no carrier code).
inline bool IsFlightNumber(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;
  }
  return true;
}

// Amadeus's TravelClass spellings first, exactly as written (no per-character case folding on
// the hot path), then any spelling ParseCabin accepts; kUnknown for anything else.
inline Cabin ToCabin(std::string_view s) {
  if (const std::optional<Cabin> cabin = kAmadeusTravelClasses.Find(s)) return *cabin;
  return ParseCabin(s).value_or(Cabin::kUnknown);
}

// Amadeus TravelerType to the passenger type of its fare; `adult_like` is set for the adult fares
// (ADULT, SENIOR, YOUNG, STUDENT). A SEATED_INFANT takes a seat (the table, which reads requests,
// counts it as a child) but its fare is an infant's. nullopt for an unknown type.
inline std::optional<PassengerType> ParseTravelerType(std::string_view s, bool& adult_like) {
  const std::optional<PassengerType> type = kAmadeusTravelerTypes.Find(s);
  adult_like = type == PassengerType::kAdult;
  if (type == PassengerType::kChild && s == "SEATED_INFANT") return PassengerType::kInfant;
  return type;
}

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_
