#include "suppliers/builtin/itineraries.h"

#include <algorithm>
#include <span>
#include <utility>

#include "suppliers/builtin/carriers.h"
#include "suppliers/builtin/deterministic_hash.h"

namespace fareflow::builtin {
namespace {

using refdata::Airport;

bool SameCity(const Airport& a, const Airport& b) {
  return a.code == b.code || (a.metro.valid() && a.metro == b.metro);
}

// Hubs for a connection from `o` to `d`: large airports whose detour over the great circle is
// small (35% on long routes, more on short ones where detours are cheap in absolute terms),
// best first.
std::vector<const Airport*> FindHubs(const Airport& o, const Airport& d,
                                     const std::vector<const Airport*>& large, uint64_t seed,
                                     std::size_t limit) {
  const double direct = refdata::DistanceKm(o, d);
  const double max_ratio = direct < 1000 ? 1.7 : direct < 3000 ? 1.45 : 1.35;
  std::vector<std::pair<double, const Airport*>> scored;
  for (const Airport* h : large) {
    if (SameCity(*h, o) || SameCity(*h, d)) continue;
    const double d1 = refdata::DistanceKm(o, *h);
    const double d2 = refdata::DistanceKm(*h, d);
    if (d1 < 150 || d2 < 150 || d1 > 15000 || d2 > 15000) continue;
    const double ratio = (d1 + d2) / std::max(direct, 1.0);
    if (ratio > max_ratio) continue;
    const double jitter = static_cast<double>(Hash(seed, {h->code.index()}) % 1000) / 10000.0;
    scored.emplace_back(ratio + jitter, h);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second->code < y.second->code;
  });
  std::vector<const Airport*> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

int64_t ItineraryScore(const Itinerary& it, uint64_t seed) {
  const Minutes elapsed = it.arr_utc() - it.dep_utc();
  uint64_t h = seed;
  for (int i = 0; i < it.count; ++i) {
    h = Hash(h, {it.flights[i]->carrier.index(), static_cast<uint64_t>(it.flights[i]->dep_utc)});
  }
  return elapsed + 90 * (it.count - 1) + static_cast<int64_t>(h % 240);
}

}  // namespace

std::vector<const Airport*> LargeAirports() {
  std::vector<const Airport*> out;
  for (const Airport& a : refdata::AllAirports()) {
    if (a.size == refdata::AirportSize::kLarge && a.scheduled_service) out.push_back(&a);
  }
  return out;
}

std::vector<Itinerary> SliceItineraries(const SliceRequest& req,
                                        const std::vector<const Airport*>& large, Timetable& table,
                                        uint64_t seed, int density, std::size_t wanted) {
  std::vector<const Airport*> origins, destinations;
  for (LocationCode c : refdata::ExpandLocation(req.origin)) {
    if (const Airport* a = refdata::FindAirport(c)) origins.push_back(a);
  }
  for (LocationCode c : refdata::ExpandLocation(req.destination)) {
    if (const Airport* a = refdata::FindAirport(c)) destinations.push_back(a);
  }

  std::vector<Itinerary> out;
  std::vector<AirlineCode> carriers;
  std::vector<const Flight*> second, third;
  const int per_connection = 1 + (density > 2 ? 1 : 0);
  for (const Airport* o : origins) {
    for (const Airport* d : destinations) {
      if (SameCity(*o, *d)) continue;
      const int km = static_cast<int>(refdata::DistanceKm(*o, *d));
      const bool both_large =
          o->size == refdata::AirportSize::kLarge && d->size == refdata::AirportSize::kLarge;
      const uint64_t pair_hash = Hash(seed, {o->code.index(), d->code.index()});

      // Direct flights.
      if (km <= 15500 && (both_large || km < 3000)) {
        carriers.clear();
        AppendCarriers(*o, km > 4000, carriers);
        AppendCarriers(*d, km > 4000, carriers);
        for (AirlineCode c : PickCarriers(carriers, 6, pair_hash)) {
          for (const Flight& f : table.Flights(*o, *d, c, req.departure_date)) {
            Itinerary it;
            it.flights[0] = &f;
            it.count = 1;
            out.push_back(it);
          }
        }
      }

      // One stop over a hub, with the hub's carriers.
      const std::vector<const Airport*> hubs =
          FindHubs(*o, *d, large, seed, 8 + 2 * static_cast<std::size_t>(density));
      for (const Airport* h : hubs) {
        const bool long_haul =
            refdata::DistanceKm(*o, *h) > 4000 || refdata::DistanceKm(*h, *d) > 4000;
        carriers.clear();
        AppendCarriers(*h, long_haul, carriers);
        for (AirlineCode c : PickCarriers(carriers, 2, Hash(pair_hash, {h->code.index()}))) {
          for (const Flight& f1 : table.Flights(*o, *h, c, req.departure_date)) {
            Connections(table, f1, *d, c, per_connection, second);
            for (const Flight* f2 : second) {
              Itinerary it;
              it.flights = {&f1, f2, nullptr};
              it.count = 2;
              out.push_back(it);
            }
          }
        }
      }

      // Two stops when one-stop options are scarce (small airports, very long routes).
      if (out.size() >= wanted) continue;
      for (const Airport* h1 : std::span(hubs).first(std::min<std::size_t>(hubs.size(), 4))) {
        for (const Airport* h2 : FindHubs(*h1, *d, large, seed, 3)) {
          if (SameCity(*h2, *o)) continue;
          carriers.clear();
          AppendCarriers(*h1, true, carriers);
          if (carriers.empty()) continue;
          const AirlineCode c1 = carriers[Hash(pair_hash, {h1->code.index()}) % carriers.size()];
          carriers.clear();
          AppendCarriers(*h2, true, carriers);
          const AirlineCode c2 = std::find(carriers.begin(), carriers.end(), c1) != carriers.end()
                                     ? c1
                                     : (carriers.empty() ? c1 : carriers.front());
          for (const Flight& f1 : table.Flights(*o, *h1, c1, req.departure_date)) {
            Connections(table, f1, *h2, c1, 1, second);
            for (const Flight* f2 : second) {
              Connections(table, *f2, *d, c2, 1, third);
              for (const Flight* f3 : third) {
                Itinerary it;
                it.flights = {&f1, f2, f3};
                it.count = 3;
                out.push_back(it);
              }
            }
          }
        }
      }
    }
  }
  for (Itinerary& it : out) it.score = ItineraryScore(it, seed);
  std::stable_sort(out.begin(), out.end(),
                   [](const Itinerary& a, const Itinerary& b) { return a.score < b.score; });
  return out;
}

}  // namespace fareflow::builtin
