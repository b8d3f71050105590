#ifndef FAREFLOW_REFDATA_AIRLINES_H_
#define FAREFLOW_REFDATA_AIRLINES_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "core/codes.h"

namespace fareflow::refdata {

enum class Alliance : uint8_t { kNone, kStarAlliance, kOneworld, kSkyTeam };

// "star_alliance", "oneworld", "skyteam", "none".
std::string_view AllianceName(Alliance a);
// Parses the names above (case-insensitive, '-' or '_' or ' ' accepted); kNone for "none",
// nullopt-like: returns false when unknown.
bool ParseAlliance(std::string_view s, Alliance* out);

// One airline (OpenFlights airlines, active carriers with an IATA code; alliance membership
// curated in tools/refdata). Strings are views into static storage.
struct Airline {
  AirlineCode code;
  std::string_view name;     // "British Airways"
  std::string_view country;  // country name as OpenFlights writes it, "United Kingdom"
  Alliance alliance = Alliance::kNone;
};

// O(1). nullptr when the code is not a known airline.
const Airline* FindAirline(AirlineCode code);
std::span<const Airline> AllAirlines();

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_AIRLINES_H_
