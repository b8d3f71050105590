#ifndef FAREFLOW_REFDATA_AIRPORTS_H_
#define FAREFLOW_REFDATA_AIRPORTS_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "core/codes.h"

namespace fareflow::refdata {

enum class AirportSize : uint8_t { kMedium, kLarge };

// One airport of the built-in reference data (OurAirports for names, type, coordinates and
// municipality; OpenFlights for time zones). Every string is a view into static storage, valid for
// the life of the process.
struct Airport {
  LocationCode code;         // IATA code
  std::string_view name;     // "London Heathrow Airport"
  std::string_view city;     // municipality, "London"
  std::string_view country;  // ISO 3166-1 alpha-2, "GB"
  double latitude = 0;       // degrees
  double longitude = 0;      // degrees
  uint16_t time_zone = 0;    // index for refdata::TimeZoneAt; see time_zones.h
  LocationCode metro;        // metro city code ("LON") or invalid when the airport has none
  AirportSize size = AirportSize::kMedium;
  bool scheduled_service = false;
  // The zone is not the time zone boundary data's alone: where it names several zones, OpenFlights
  // or a curated fix chose (see tools/refdata).
  bool time_zone_derived = false;
};

// O(1): one table slot per possible three-letter code. nullptr when the code is no airport.
const Airport* FindAirport(LocationCode code);

// Every airport, ordered by code.
std::span<const Airport> AllAirports();

// A metro city code grouping several airports ("LON" -> LHR, LGW, STN, LTN, LCY, SEN).
struct MetroCity {
  LocationCode code;
  std::string_view name;
  std::string_view country;
  std::span<const LocationCode> airports;
};

// O(1). nullptr when the code is no metro city code.
const MetroCity* FindMetroCity(LocationCode code);
std::span<const MetroCity> AllMetroCities();

// Expands an airport or metro city code into airport codes: a metro city yields its airports, an
// airport yields itself (even when it also names a city, e.g. "BER"). Empty when the code is
// neither. The span points into static storage (or at `code` for a plain airport, hence the
// reference parameter: keep `code` alive while using the result).
std::span<const LocationCode> ExpandLocation(const LocationCode& code);

// Great-circle distance in kilometres between two airports (haversine, mean Earth radius
// 6371 km).
double DistanceKm(const Airport& a, const Airport& b);

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_AIRPORTS_H_
