#ifndef FAREFLOW_SUPPLIERS_BUILTIN_TIMETABLE_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_TIMETABLE_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/arena.h"
#include "core/codes.h"
#include "core/datetime.h"
#include "refdata/airports.h"

namespace fareflow::builtin {

// The schedules of the offer generator: which flights a carrier flies on a route on a date, and
// which of them connect.

// One scheduled flight on one date.
struct Flight {
  const refdata::Airport* from = nullptr;
  const refdata::Airport* to = nullptr;
  AirlineCode carrier;
  AirlineCode operating;
  std::string_view number;            // arena
  std::string_view operating_number;  // arena; == number when not codeshared
  Minutes dep_local = 0;
  Minutes arr_local = 0;
  Minutes dep_utc = 0;
  Minutes arr_utc = 0;
  int distance_km = 0;
  std::string_view aircraft;
  std::string_view from_terminal;
  std::string_view to_terminal;
};

// Up to three flights flown one after another to cover one requested slice.
struct Itinerary {
  std::array<const Flight*, 3> flights{};
  int count = 0;
  int64_t score = 0;  // lower is more attractive: elapsed time, stops, a little noise

  Minutes dep_utc() const { return flights[0]->dep_utc; }
  Minutes arr_utc() const { return flights[count - 1]->arr_utc; }
};

// Generates and caches the timetables of one slice's date range. Flights are stable per
// (carrier, from, to, date): an itinerary built twice uses the very same Flight objects.
class Timetable {
 public:
  Timetable(uint64_t seed, int density, Arena& arena)
      : seed_(seed), density_(density), arena_(arena) {}
  Timetable(const Timetable&) = delete;
  Timetable& operator=(const Timetable&) = delete;

  // The departures of `carrier` from `a` to `b` on local date `date`. The references stay valid
  // as long as this Timetable (deque-like storage of vectors that are never resized after
  // construction).
  const std::vector<Flight>& Flights(const refdata::Airport& a, const refdata::Airport& b,
                                     AirlineCode carrier, Days date) {
    const uint64_t key = (static_cast<uint64_t>(a.code.index()) << 48) |
                         (static_cast<uint64_t>(b.code.index()) << 32) |
                         (static_cast<uint64_t>(carrier.index()) << 20) |
                         static_cast<uint64_t>(date & 0xFFFFF);
    auto it = cache_.find(key);
    if (it != cache_.end()) return *it->second;
    auto flights = std::make_unique<std::vector<Flight>>(Build(a, b, carrier, date));
    const std::vector<Flight>& ref = *flights;
    cache_.emplace(key, std::move(flights));
    return ref;
  }

 private:
  // The departures of one (route, carrier, date), built on first use.
  std::vector<Flight> Build(const refdata::Airport& a, const refdata::Airport& b,
                            AirlineCode carrier, Days date);

  uint64_t seed_;
  int density_;
  Arena& arena_;
  std::unordered_map<uint64_t, std::unique_ptr<std::vector<Flight>>> cache_;
};

// The onward flights of `carrier` from in.to to `next` that connect with `in`: at least the
// minimum connection time, at most 6 hours (12 when nothing leaves within 6), the earliest
// `limit` of them.
void Connections(Timetable& table, const Flight& in, const refdata::Airport& next,
                 AirlineCode carrier, int limit, std::vector<const Flight*>& out);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_TIMETABLE_H_
