#ifndef FAREFLOW_SERVER_FACADE_INSPIRATION_H_
#define FAREFLOW_SERVER_FACADE_INSPIRATION_H_

#include <cstddef>
#include <vector>

#include "core/codes.h"

namespace fareflow::server {

// The most destinations one Flight Inspiration Search prices: each is a price calendar of up to
// kMaxCalendarCells cache lookups.
inline constexpr std::size_t kMaxInspirationDestinations = 50;
// The most calendar cells one Flight Inspiration Search looks up, over all its destinations: a
// search of the widest ranges (62 days x 15 durations) prices the nearest 10 destinations, a
// one-way month all 50.
inline constexpr std::size_t kMaxInspirationCells = 10'000;

// The destinations Flight Inspiration Search prices from `origin` (an airport or a metro city):
// the airports the built-in supplier flies to nonstop from it -- large airports with scheduled
// service within 15,500 km, its rule for a direct flight between two large airports -- nearest
// first, at most `max`, leaving out the origin's own city. Since the built-in supplier serves any
// pair of airports, nearness is what bounds the list: the nearest large airports are the ones
// its timetable serves most (direct and over the fewest hubs). Empty when `origin` is no airport
// or city of the reference data.
std::vector<LocationCode> InspirationDestinations(LocationCode origin,
                                                  std::size_t max = kMaxInspirationDestinations);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_FACADE_INSPIRATION_H_
