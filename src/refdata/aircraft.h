#ifndef FAREFLOW_REFDATA_AIRCRAFT_H_
#define FAREFLOW_REFDATA_AIRCRAFT_H_

#include <span>
#include <string_view>

namespace fareflow::refdata {

// A common aircraft type by its IATA code ("359" -> "Airbus A350-900").
struct AircraftType {
  std::string_view iata_code;
  std::string_view name;
  int range_km = 0;  // typical still-air range, used by the built-in supplier's schedules
  int seats = 0;     // typical two-class seat count
};

// nullptr when the code is not in the table. Strings are views into static storage.
const AircraftType* FindAircraft(std::string_view iata_code);
std::span<const AircraftType> AllAircraft();

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_AIRCRAFT_H_
