#include "refdata/airports.h"

#include <algorithm>
#include <cmath>

#include "refdata/code_index.h"

namespace fareflow::refdata {
namespace {

// Row builders for the generated tables, named with one letter to keep data/*.inc short.

constexpr uint8_t kFlagLarge = 1;
constexpr uint8_t kFlagScheduled = 2;
constexpr uint8_t kFlagZoneDerived = 4;

constexpr Airport R(std::string_view code, std::string_view name, std::string_view city,
                    std::string_view country, double latitude, double longitude, uint16_t time_zone,
                    std::string_view metro, uint8_t flags) {
  return Airport{
      .code = LocationCode::Parse(code),
      .name = name,
      .city = city,
      .country = country,
      .latitude = latitude,
      .longitude = longitude,
      .time_zone = time_zone,
      .metro = LocationCode::Parse(metro),
      .size = (flags & kFlagLarge) != 0 ? AirportSize::kLarge : AirportSize::kMedium,
      .scheduled_service = (flags & kFlagScheduled) != 0,
      .time_zone_derived = (flags & kFlagZoneDerived) != 0,
  };
}

constexpr Airport kAirports[] = {
#include "airports.inc"
};

constexpr LocationCode C(std::string_view code) { return LocationCode::Parse(code); }

constexpr LocationCode kMetroAirports[] = {
#define FAREFLOW_METRO_AIRPORTS
#include "metro_cities.inc"
#undef FAREFLOW_METRO_AIRPORTS
};

constexpr MetroCity M(std::string_view code, std::string_view name, std::string_view country,
                      std::size_t first, std::size_t count) {
  return MetroCity{LocationCode::Parse(code), name, country,
                   std::span<const LocationCode>(kMetroAirports + first, count)};
}

constexpr MetroCity kMetroCities[] = {
#include "metro_cities.inc"
};

static_assert(std::ranges::is_sorted(kAirports, {}, &Airport::code));
static_assert(std::ranges::is_sorted(kMetroCities, {}, &MetroCity::code));
static_assert(std::ranges::all_of(kAirports, [](const Airport& a) { return a.code.valid(); }));

constexpr auto kAirportIndex = internal::BuildCodeIndex<LocationCode::kSpace>(
    kAirports, [](const Airport& a) { return a.code.index(); });
constexpr auto kMetroIndex = internal::BuildCodeIndex<LocationCode::kSpace>(
    kMetroCities, [](const MetroCity& m) { return m.code.index(); });

}  // namespace

const Airport* FindAirport(LocationCode code) {
  return internal::LookUp(kAirports, kAirportIndex, code.index());
}

std::span<const Airport> AllAirports() { return kAirports; }

const MetroCity* FindMetroCity(LocationCode code) {
  return internal::LookUp(kMetroCities, kMetroIndex, code.index());
}

std::span<const MetroCity> AllMetroCities() { return kMetroCities; }

std::span<const LocationCode> ExpandLocation(const LocationCode& code) {
  if (FindAirport(code) != nullptr) return {&code, 1};
  if (const MetroCity* metro = FindMetroCity(code)) return metro->airports;
  return {};
}

double DistanceKm(const Airport& a, const Airport& b) {
  constexpr double kEarthRadiusKm = 6371.0;
  constexpr double kRadiansPerDegree = 3.14159265358979323846 / 180.0;
  const double lat1 = a.latitude * kRadiansPerDegree;
  const double lat2 = b.latitude * kRadiansPerDegree;
  const double dlat = lat2 - lat1;
  const double dlon = (b.longitude - a.longitude) * kRadiansPerDegree;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace fareflow::refdata
