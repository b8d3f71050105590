#ifndef FAREFLOW_SUPPLIERS_BUILTIN_CARRIERS_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_CARRIERS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/codes.h"
#include "refdata/airports.h"

namespace fareflow::builtin {

// Which carriers the offer generator puts on a route: a small curated table of well-known
// carriers per country, with regional fallbacks.

// The carriers serving airport `a` (by its country, else its region) that exist in the
// reference data, appended to `out` without duplicates. `long_haul` drops short-haul carriers.
void AppendCarriers(const refdata::Airport& a, bool long_haul, std::vector<AirlineCode>& out);

// Up to `n` carriers from `all`, picked by `h` (rotating the list so that different hubs and
// routes do not all pick the first carrier of their country).
std::vector<AirlineCode> PickCarriers(const std::vector<AirlineCode>& all, std::size_t n,
                                      uint64_t h);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_CARRIERS_H_
