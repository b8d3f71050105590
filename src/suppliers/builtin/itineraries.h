#ifndef FAREFLOW_SUPPLIERS_BUILTIN_ITINERARIES_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_ITINERARIES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/search_request.h"
#include "refdata/airports.h"
#include "suppliers/builtin/timetable.h"

namespace fareflow::builtin {

// Routing: the direct, one-stop and two-stop itineraries that cover one requested slice, over
// hubs near the great-circle route.

// Large airports with scheduled service: the candidate hubs. Pointers into the reference data.
std::vector<const refdata::Airport*> LargeAirports();

// Every itinerary for one requested slice at the given schedule density, most attractive first.
// `large` is LargeAirports(); the flights live in `table`.
std::vector<Itinerary> SliceItineraries(const SliceRequest& req,
                                        const std::vector<const refdata::Airport*>& large,
                                        Timetable& table, uint64_t seed, int density,
                                        std::size_t wanted);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_ITINERARIES_H_
