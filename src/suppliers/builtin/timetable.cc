#include "suppliers/builtin/timetable.h"

#include <algorithm>
#include <charconv>

#include "refdata/airlines.h"
#include "refdata/time_zones.h"
#include "suppliers/builtin/carriers.h"
#include "suppliers/builtin/deterministic_hash.h"
#include "suppliers/builtin/equipment.h"

namespace fareflow::builtin {
namespace {

using refdata::Airport;

std::string_view Digits(Arena& arena, int value) {
  char buf[12];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  return arena.CopyString(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

int BlockMinutes(int km, bool westbound, uint64_t h) {
  // 800 km/h cruise plus 30 minutes of taxi, climb and descent, a little carrier variation,
  // rounded to 5 minutes as timetables are. Westbound flights fly against the jet stream.
  int minutes = 30 + km * 60 / 800 + static_cast<int>(h % 11);
  if (westbound) minutes = minutes * 107 / 100;
  return (minutes + 4) / 5 * 5;
}

// Minimum connection time at `hub` between two flights.
int MinimumConnection(const Flight& in, const Flight& out) {
  const bool domestic = in.from->country == in.to->country && out.to->country == in.to->country;
  return domestic ? 45 : 60;
}

}  // namespace

std::vector<Flight> Timetable::Build(const Airport& a, const Airport& b, AirlineCode carrier,
                                     Days date) {
  const int km = static_cast<int>(refdata::DistanceKm(a, b) + 0.5);
  const uint64_t route = Hash(seed_, {a.code.index(), b.code.index(), carrier.index()});
  int per_day = km > 4000   ? 1 + static_cast<int>(route % 2)
                : km > 1500 ? 2 + static_cast<int>(route % 3)
                            : 3 + static_cast<int>(route % 4);
  per_day = std::min(per_day * density_, 24);
  double dlon = b.longitude - a.longitude;
  if (dlon > 180) dlon -= 360;
  if (dlon < -180) dlon += 360;
  const int block = BlockMinutes(km, dlon < 0, route >> 7);
  const std::string_view aircraft = PickAircraft(km, route >> 13);
  const int number_base = km > 4000 ? 1 + static_cast<int>((route >> 21) % 300)
                                    : 100 + static_cast<int>((route >> 21) % 2800);
  const std::string_view from_terminal = Terminal(a, carrier, seed_);
  const std::string_view to_terminal = Terminal(b, carrier, seed_);

  // A codeshare partner: another carrier of the same alliance serving either endpoint.
  AirlineCode partner;
  const refdata::Airline* self = refdata::FindAirline(carrier);
  if ((route >> 33) % 8 == 0 && self != nullptr && self->alliance != refdata::Alliance::kNone) {
    std::vector<AirlineCode> candidates;
    AppendCarriers(a, km > 4000, candidates);
    AppendCarriers(b, km > 4000, candidates);
    for (AirlineCode c : candidates) {
      const refdata::Airline* other = refdata::FindAirline(c);
      if (c != carrier && other != nullptr && other->alliance == self->alliance) {
        partner = c;
        break;
      }
    }
  }

  std::vector<Flight> out;
  out.reserve(static_cast<std::size_t>(per_day));
  const int window = 17 * 60;  // departures 06:00..23:00
  const int slot = window / per_day;
  for (int i = 0; i < per_day; ++i) {
    const uint64_t h = Hash(route, {static_cast<uint64_t>(date), static_cast<uint64_t>(i)});
    int minute =
        6 * 60 + i * slot + static_cast<int>(h % static_cast<uint64_t>(std::max(1, slot / 2)));
    minute = minute / 5 * 5;
    Flight f;
    f.from = &a;
    f.to = &b;
    f.carrier = carrier;
    f.operating = partner.valid() ? partner : carrier;
    f.number = Digits(arena_, std::min(9999, number_base + 2 * i));
    f.operating_number =
        partner.valid() ? Digits(arena_, 1000 + static_cast<int>((h >> 20) % 8000)) : f.number;
    f.dep_local = Minutes{date} * 1440 + minute;
    f.dep_utc = refdata::LocalToUtc(a.time_zone, f.dep_local);
    f.arr_utc = f.dep_utc + block;
    f.arr_local = f.arr_utc + refdata::UtcOffsetAtUtc(b.time_zone, f.arr_utc);
    f.distance_km = km;
    f.aircraft = aircraft;
    f.from_terminal = from_terminal;
    f.to_terminal = to_terminal;
    out.push_back(f);
  }
  return out;
}

void Connections(Timetable& table, const Flight& in, const Airport& next, AirlineCode carrier,
                 int limit, std::vector<const Flight*>& out) {
  out.clear();
  const Days arrival_day = DayOf(in.arr_local);
  for (int max_wait : {6 * 60, 12 * 60}) {
    for (Days day : {arrival_day, arrival_day + 1}) {
      for (const Flight& f : table.Flights(*in.to, next, carrier, day)) {
        const Minutes wait = f.dep_utc - in.arr_utc;
        if (wait >= MinimumConnection(in, f) && wait <= max_wait &&
            static_cast<int>(out.size()) < limit) {
          out.push_back(&f);
        }
      }
    }
    if (!out.empty()) return;
  }
}

}  // namespace fareflow::builtin
