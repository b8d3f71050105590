#include "refdata/aircraft.h"

#include <algorithm>

namespace fareflow::refdata {
namespace {

// Row builder for the generated table, named with one letter to keep data/aircraft.inc short.
constexpr AircraftType R(std::string_view code, std::string_view name, int range_km, int seats) {
  return AircraftType{code, name, range_km, seats};
}

constexpr AircraftType kAircraft[] = {
#include "aircraft.inc"
};

// Sorted and unique, so FindAircraft can search by halves.
static_assert(std::ranges::adjacent_find(kAircraft, std::ranges::greater_equal{},
                                         &AircraftType::iata_code) == std::end(kAircraft));

}  // namespace

const AircraftType* FindAircraft(std::string_view iata_code) {
  auto it = std::ranges::lower_bound(kAircraft, iata_code, {}, &AircraftType::iata_code);
  return it != std::end(kAircraft) && it->iata_code == iata_code ? &*it : nullptr;
}

std::span<const AircraftType> AllAircraft() { return kAircraft; }

}  // namespace fareflow::refdata
