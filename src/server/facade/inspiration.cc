#include "server/facade/inspiration.h"

#include <algorithm>
#include <utility>

#include "refdata/airports.h"
#include "suppliers/builtin/itineraries.h"

namespace fareflow::server {
namespace {

// The built-in supplier's longest direct flight (suppliers/builtin/itineraries.cc).
constexpr double kLongestDirectKm = 15'500;

bool SameCity(const refdata::Airport& a, const refdata::Airport& b) {
  return a.code == b.code || (a.metro.valid() && a.metro == b.metro);
}

}  // namespace

std::vector<LocationCode> InspirationDestinations(LocationCode origin, std::size_t max) {
  std::vector<const refdata::Airport*> from;
  for (LocationCode code : refdata::ExpandLocation(origin)) {
    if (const refdata::Airport* a = refdata::FindAirport(code)) from.push_back(a);
  }
  if (from.empty()) return {};
  // Distances from the city's first airport: its airports lie a few tens of km apart.
  const refdata::Airport& here = *from.front();
  std::vector<std::pair<double, LocationCode>> near;
  for (const refdata::Airport* a : builtin::LargeAirports()) {
    const bool own_city =
        std::ranges::any_of(from, [a](const refdata::Airport* o) { return SameCity(*o, *a); });
    if (own_city) continue;
    const double km = refdata::DistanceKm(here, *a);
    if (km <= kLongestDirectKm) near.emplace_back(km, a->code);
  }
  const std::size_t n = std::min(max, near.size());
  std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(n), near.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first < b.first
                                                : a.second.index() < b.second.index();
                    });
  std::vector<LocationCode> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(near[i].second);
  return out;
}

}  // namespace fareflow::server
