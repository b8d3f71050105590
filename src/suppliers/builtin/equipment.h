#ifndef FAREFLOW_SUPPLIERS_BUILTIN_EQUIPMENT_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_EQUIPMENT_H_

#include <cstdint>
#include <string_view>

#include "core/codes.h"
#include "refdata/airports.h"

namespace fareflow::builtin {

// The aircraft and terminals of generated flights. Returned views point into static storage.

// An aircraft type (IATA code in static storage) able to fly `km`, chosen by `h`.
std::string_view PickAircraft(int km, uint64_t h);

// A terminal for carrier `c` at airport `a`; empty for airports whose terminals suppliers omit.
std::string_view Terminal(const refdata::Airport& a, AirlineCode c, uint64_t seed);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_EQUIPMENT_H_
