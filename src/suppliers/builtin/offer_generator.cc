#include "suppliers/builtin/offer_generator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/money.h"
#include "core/splitmix64.h"
#include "refdata/aircraft.h"
#include "refdata/airlines.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"
#include "refdata/time_zones.h"

namespace fareflow::builtin {
namespace {

using refdata::Airport;

// Deterministic hashing: a splitmix64 chain over a running state. std::random distributions
// are avoided on purpose, since their outputs differ between standard libraries.

// A hash of `values` under `seed`; every generated choice is one of these, so a choice depends
// only on what it is about (a route, a carrier, a date), never on the order of generation.
uint64_t Hash(uint64_t seed, std::initializer_list<uint64_t> values) {
  uint64_t h = SplitMix64(seed);
  for (uint64_t v : values) h = SplitMix64(h + v);
  return h;
}

// Carriers. A small curated table of well-known carriers per country (ISO 3166-1 alpha-2);
// a trailing '*' marks a short-haul-only carrier. Codes missing from the reference data are
// skipped at run time.

struct CountryCarriers {
  std::string_view country;
  std::string_view carriers;
};

constexpr CountryCarriers kCountryCarriers[] = {
    {"GB", "BA VS U2* LS*"},
    {"US", "AA DL UA B6 AS WN*"},
    {"CA", "AC WS"},
    {"FR", "AF U2*"},
    {"DE", "LH EW*"},
    {"NL", "KL HV*"},
    {"ES", "IB UX VY*"},
    {"IT", "AZ FR*"},
    {"IE", "EI FR*"},
    {"PT", "TP"},
    {"CH", "LX"},
    {"AT", "OS"},
    {"BE", "SN"},
    {"DK", "SK DY*"},
    {"SE", "SK DY*"},
    {"NO", "SK DY*"},
    {"FI", "AY"},
    {"PL", "LO"},
    {"TR", "TK PC*"},
    {"GR", "A3"},
    {"IS", "FI"},
    {"AE", "EK EY"},
    {"QA", "QR"},
    {"SA", "SV"},
    {"EG", "MS"},
    {"MA", "AT"},
    {"ET", "ET"},
    {"KE", "KQ"},
    {"ZA", "SA"},
    {"IN", "AI 6E*"},
    {"SG", "SQ"},
    {"HK", "CX"},
    {"JP", "NH JL"},
    {"KR", "KE OZ"},
    {"CN", "CA MU CZ"},
    {"TW", "CI BR"},
    {"TH", "TG"},
    {"MY", "MH"},
    {"ID", "GA"},
    {"PH", "PR"},
    {"VN", "VN"},
    {"AU", "QF VA"},
    {"NZ", "NZ"},
    {"BR", "LA G3* AD*"},
    {"AR", "AR"},
    {"CL", "LA"},
    {"CO", "AV"},
    {"MX", "AM"},
    {"PA", "CM"},
    {"PE", "LA"},
    {"IL", "LY"},
    {"JO", "RJ"},
    {"OM", "WY"},
    {"LK", "UL"},
    {"FJ", "FJ"},
    {"HU", "W6*"},
    {"RO", "RO"},
    {"LB", "ME"},
    {"CZ", "OK"},
};

// Fallbacks by rough region (latitude/longitude boxes) for countries not in the table.
std::string_view RegionCarriers(const Airport& a) {
  const double lat = a.latitude, lon = a.longitude;
  if (lon < -30) return lat > 15 ? "AA DL UA AC" : "LA AV CM";
  if (lat < -10 && lon > 110) return "QF VA NZ";
  if (lon > 60) return "SQ CX TG MH";
  if (lat > 35 && lon < 45) return "LH AF KL BA";
  if (lat > 12 && lon > 25) return "EK QR TK";
  return "ET KQ SA AT";
}

// The carriers serving airport `a` (by its country, else its region) that exist in the
// reference data, appended to `out` without duplicates. `long_haul` drops short-haul carriers.
void AppendCarriers(const Airport& a, bool long_haul, std::vector<AirlineCode>& out) {
  std::string_view list;
  for (const CountryCarriers& cc : kCountryCarriers) {
    if (cc.country == a.country) {
      list = cc.carriers;
      break;
    }
  }
  if (list.empty()) list = RegionCarriers(a);
  while (!list.empty()) {
    const std::size_t space = list.find(' ');
    std::string_view token = list.substr(0, space);
    list = space == std::string_view::npos ? std::string_view() : list.substr(space + 1);
    const bool short_haul_only = token.size() == 3 && token[2] == '*';
    if (short_haul_only && long_haul) continue;
    const AirlineCode code = AirlineCode::Parse(token.substr(0, 2));
    if (refdata::FindAirline(code) == nullptr) continue;
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
}

// Equipment, terminals, fare brands.

constexpr std::string_view kShortAircraft[] = {"320", "319", "32N", "73H", "E90",
                                               "E95", "CR9", "DH4", "AT7", "221"};
constexpr std::string_view kMediumAircraft[] = {"320", "321", "32N", "32Q",
                                                "73H", "7M8", "738", "223"};
constexpr std::string_view kLongAircraft[] = {"789", "788", "77W", "359", "333", "332",
                                              "772", "351", "388", "763", "78X", "339"};

// An aircraft type (IATA code in static storage) able to fly `km`, chosen by `h`.
std::string_view PickAircraft(int km, uint64_t h) {
  std::span<const std::string_view> pool = kLongAircraft;
  if (km < 1200) {
    pool = kShortAircraft;
  } else if (km < 4500) {
    pool = kMediumAircraft;
  }
  std::string_view best;
  int best_range = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    const std::string_view code = pool[(h + i) % pool.size()];
    const refdata::AircraftType* type = refdata::FindAircraft(code);
    if (type == nullptr) continue;
    if (type->range_km >= km * 21 / 20) return type->iata_code;
    if (type->range_km > best_range) {
      best_range = type->range_km;
      best = type->iata_code;
    }
  }
  return best;
}

constexpr std::string_view kTerminals[] = {"1", "2", "3", "4", "5"};

// A terminal for carrier `c` at airport `a`; empty for airports whose terminals suppliers omit.
std::string_view Terminal(const Airport& a, AirlineCode c, uint64_t seed) {
  const uint64_t h = Hash(seed, {a.code.index(), 77});
  if (h % 4 == 0) return {};
  const int terminals = 1 + static_cast<int>((h >> 8) % 5);
  return kTerminals[Hash(seed, {a.code.index(), c.index()}) % terminals];
}

struct Brand {
  std::string_view name;  // cabin and brand, as Duffel's fare_brand_name and (in upper case)
                          // Amadeus' brandedFareLabel write it
  int price_permille;
  int16_t checked_pieces;
  int16_t cabin_pieces;
  Tristate refundable;
  int64_t refund_penalty_eur_cents;
  Tristate changeable;
  int64_t change_penalty_eur_cents;
  std::string_view classes;  // booking classes, one char each
  std::string_view basis_tag;
};

constexpr int kBrands = 3;
using BrandSet = std::array<Brand, kBrands>;

constexpr BrandSet kEconomyBrands = {{
    {"Economy Light", 1000, 0, 1, Tristate::kNo, 0, Tristate::kNo, 0, "OQN", "LT"},
    {"Economy Standard", 1230, 1, 1, Tristate::kNo, 0, Tristate::kYes, 7500, "LKM", "ST"},
    {"Economy Flex", 1850, 2, 1, Tristate::kYes, 0, Tristate::kYes, 0, "YB", "FX"},
}};
constexpr BrandSet kPremiumBrands = {{
    {"Premium Saver", 1000, 1, 1, Tristate::kNo, 0, Tristate::kYes, 10000, "E", "SV"},
    {"Premium Standard", 1200, 2, 1, Tristate::kYes, 15000, Tristate::kYes, 0, "T", "ST"},
    {"Premium Flex", 1600, 2, 2, Tristate::kYes, 0, Tristate::kYes, 0, "W", "FX"},
}};
constexpr BrandSet kBusinessBrands = {{
    {"Business Saver", 1000, 2, 2, Tristate::kNo, 0, Tristate::kYes, 15000, "IZ", "SV"},
    {"Business Standard", 1150, 2, 2, Tristate::kYes, 20000, Tristate::kYes, 0, "DC", "ST"},
    {"Business Flex", 1450, 3, 2, Tristate::kYes, 0, Tristate::kYes, 0, "J", "FX"},
}};
constexpr BrandSet kFirstBrands = {{
    {"First Saver", 1000, 2, 2, Tristate::kNo, 0, Tristate::kYes, 20000, "A", "SV"},
    {"First Standard", 1100, 3, 2, Tristate::kYes, 25000, Tristate::kYes, 0, "A", "ST"},
    {"First Flex", 1300, 3, 2, Tristate::kYes, 0, Tristate::kYes, 0, "F", "FX"},
}};

const BrandSet& BrandsFor(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return kPremiumBrands;
    case Cabin::kBusiness:
      return kBusinessBrands;
    case Cabin::kFirst:
      return kFirstBrands;
    default:
      return kEconomyBrands;
  }
}

// Price multiplier of a cabin (per mille), and its CO2 per passenger-km in grams.
int CabinPermille(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return 1900;
    case Cabin::kBusiness:
      return 4200;
    case Cabin::kFirst:
      return 7000;
    default:
      return 1000;
  }
}
int CabinCo2GramsPerKm(Cabin cabin) {
  switch (cabin) {
    case Cabin::kPremiumEconomy:
      return 135;
    case Cabin::kBusiness:
      return 260;
    case Cabin::kFirst:
      return 360;
    default:
      return 90;
  }
}

// Schedules.

// One scheduled flight on one date.
struct Flight {
  const Airport* from = nullptr;
  const Airport* to = nullptr;
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
  const std::vector<Flight>& Flights(const Airport& a, const Airport& b, AirlineCode carrier,
                                     Days date) {
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
  std::vector<Flight> Build(const Airport& a, const Airport& b, AirlineCode carrier, Days date) {
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

  uint64_t seed_;
  int density_;
  Arena& arena_;
  std::unordered_map<uint64_t, std::unique_ptr<std::vector<Flight>>> cache_;
};

// Minimum connection time at `hub` between two flights.
int MinimumConnection(const Flight& in, const Flight& out) {
  const bool domestic = in.from->country == in.to->country && out.to->country == in.to->country;
  return domestic ? 45 : 60;
}

// The onward flights of `carrier` from in.to to `next` that connect with `in`: at least the
// minimum connection time, at most 6 hours (12 when nothing leaves within 6), the earliest
// `limit` of them.
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

// Large airports with scheduled service: the candidate hubs.
std::vector<const Airport*> LargeAirports() {
  std::vector<const Airport*> out;
  for (const Airport& a : refdata::AllAirports()) {
    if (a.size == refdata::AirportSize::kLarge && a.scheduled_service) out.push_back(&a);
  }
  return out;
}

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

// Up to `n` carriers from `all`, picked by `h` (rotating the list so that different hubs and
// routes do not all pick the first carrier of their country).
std::vector<AirlineCode> PickCarriers(const std::vector<AirlineCode>& all, std::size_t n,
                                      uint64_t h) {
  std::vector<AirlineCode> out;
  for (std::size_t i = 0; i < all.size() && out.size() < n; ++i) {
    out.push_back(all[(h + i) % all.size()]);
  }
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

// Every itinerary for one requested slice at the given schedule density.
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

// Combining slices into offers.

// Picks `wanted` combinations of one itinerary per slice, preferring combinations of
// well-ranked itineraries (lowest sum of ranks, with a little noise so that the cheapest
// outbound is not paired with every inbound first). Each combination is a list of indices.
std::vector<std::vector<int>> PickCombinations(const std::vector<std::vector<Itinerary>>& slices,
                                               std::size_t wanted, uint64_t seed) {
  const std::size_t k = slices.size();
  // Trim each slice's list so that the full product stays small enough to enumerate.
  std::vector<std::size_t> sizes(k);
  for (std::size_t s = 0; s < k; ++s) sizes[s] = slices[s].size();
  auto product = [&sizes]() {
    double p = 1;
    for (std::size_t n : sizes) p *= static_cast<double>(n);
    return p;
  };
  const double cap = std::max(4.0 * static_cast<double>(wanted), 1000.0);
  while (product() > std::max(cap, 1.0) && product() > 2e6) {
    auto largest = std::max_element(sizes.begin(), sizes.end());
    *largest = std::max<std::size_t>(1, *largest * 9 / 10);
  }
  const std::size_t total = static_cast<std::size_t>(product());
  if (total == 0) return {};

  struct Scored {
    int64_t score;
    std::size_t index;
  };
  std::vector<Scored> scored;
  scored.reserve(total);
  for (std::size_t i = 0; i < total; ++i) {
    std::size_t rest = i;
    int64_t rank_sum = 0;
    for (std::size_t s = 0; s < k; ++s) {
      rank_sum += static_cast<int64_t>(rest % sizes[s]);
      rest /= sizes[s];
    }
    const int64_t noise = static_cast<int64_t>(Hash(seed, {i, 99}) % 8);
    scored.push_back({rank_sum * 8 + noise, i});
  }
  const std::size_t take = std::min(wanted, total);
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(take),
                    scored.end(), [](const Scored& a, const Scored& b) {
                      return a.score != b.score ? a.score < b.score : a.index < b.index;
                    });
  std::vector<std::vector<int>> out;
  out.reserve(take);
  for (std::size_t j = 0; j < take; ++j) {
    std::size_t rest = scored[j].index;
    std::vector<int> combo(k);
    for (std::size_t s = 0; s < k; ++s) {
      combo[s] = static_cast<int>(rest % sizes[s]);
      rest /= sizes[s];
    }
    out.push_back(std::move(combo));
  }
  return out;
}

// Multiplier (per mille) for booking `days` ahead of departure.
int AdvancePermille(int days) {
  if (days < 3) return 1600;
  if (days < 7) return 1400;
  if (days < 14) return 1250;
  if (days < 30) return 1100;
  if (days < 60) return 1000;
  if (days < 120) return 950;
  return 1000;
}

int64_t Scale(int64_t value, int64_t permille) { return DivideRounded(value * permille, 1000); }

struct PriceContext {
  CurrencyCode currency;
  const refdata::FxRates* fx = nullptr;

  // EUR cents to the offer currency.
  int64_t FromEur(int64_t eur_cents) const {
    if (currency == CurrencyCode::Parse("EUR")) return eur_cents;
    const std::optional<Money> m =
        fx->Convert(Money{eur_cents, CurrencyCode::Parse("EUR")}, currency);
    return m ? m->minor : eur_cents;
  }
};

// One generated offer: a combination of itineraries under one brand.
Offer BuildOffer(const SearchRequest& request, const std::vector<std::vector<Itinerary>>& slices,
                 const std::vector<int>& combo, int brand_index, const GeneratorOptions& options,
                 const PriceContext& prices, uint64_t seed, Arena& arena) {
  const Cabin cabin = request.cabin == Cabin::kUnknown ? Cabin::kEconomy : request.cabin;
  const Brand& brand = BrandsFor(cabin)[static_cast<std::size_t>(brand_index)];
  uint64_t combo_hash = seed;
  for (std::size_t s = 0; s < combo.size(); ++s) {
    combo_hash = Hash(combo_hash, {s, static_cast<uint64_t>(combo[s])});
  }

  Offer offer;
  offer.cabin = cabin;
  offer.fare_brand = brand.name;
  Slice* out_slices = arena.AllocateArray<Slice>(combo.size());
  int64_t adult_base_eur = 0;
  int64_t adult_tax_eur = 0;
  int64_t co2_kg = 0;
  const Days first_date = request.slices.front().departure_date;
  const int days_ahead =
      options.booking_date ? std::max(0, first_date - *options.booking_date) : 45;

  for (std::size_t s = 0; s < combo.size(); ++s) {
    const Itinerary& it = slices[s][static_cast<std::size_t>(combo[s])];
    Segment* segs = arena.AllocateArray<Segment>(static_cast<std::size_t>(it.count));
    const uint64_t slice_hash = Hash(combo_hash, {s});
    const std::string_view booking_class =
        brand.classes.substr(slice_hash % brand.classes.size(), 1);
    // Fare basis: class, brand tag, season, advance-purchase bucket, origin country ("KSTH3GB").
    char basis[8] = {
        booking_class[0],
        brand.basis_tag[0],
        brand.basis_tag[1],
        (DayOf(it.dep_utc()) / 30) % 2 == 0 ? 'H' : 'L',
        static_cast<char>('0' + std::min(9, days_ahead / 14)),
        it.flights[0]->from->country.empty() ? 'X' : it.flights[0]->from->country[0],
        it.flights[0]->from->country.size() < 2 ? 'X' : it.flights[0]->from->country[1],
        0};
    const std::string_view fare_basis = arena.CopyString(std::string_view(basis, 7));
    for (int i = 0; i < it.count; ++i) {
      const Flight& f = *it.flights[static_cast<std::size_t>(i)];
      Segment seg;
      seg.origin = f.from->code;
      seg.destination = f.to->code;
      seg.origin_terminal = f.from_terminal;
      seg.destination_terminal = f.to_terminal;
      seg.departure_local = f.dep_local;
      seg.arrival_local = f.arr_local;
      seg.marketing_carrier = f.carrier;
      seg.operating_carrier = f.operating;
      seg.marketing_flight_number = f.number;
      seg.operating_flight_number = f.operating_number;
      seg.aircraft_code = f.aircraft;
      seg.cabin = cabin;
      seg.booking_class = booking_class;
      seg.fare_basis = fare_basis;
      seg.supplier_duration_minutes = static_cast<int32_t>(f.arr_utc - f.dep_utc);
      segs[i] = seg;
      co2_kg += static_cast<int64_t>(f.distance_km) * CabinCo2GramsPerKm(cabin) / 1000;
      adult_tax_eur += 1800;  // per-segment airport charges
    }
    Slice slice;
    slice.segments = {segs, static_cast<std::size_t>(it.count)};
    slice.fare_brand = brand.name;
    slice.supplier_duration_minutes = static_cast<int32_t>(it.arr_utc() - it.dep_utc());
    out_slices[s] = slice;

    // Fare of the slice: distance over the great circle of the requested endpoints.
    const Flight& first = *it.flights[0];
    const Flight& last = *it.flights[static_cast<std::size_t>(it.count - 1)];
    const int64_t km = static_cast<int64_t>(refdata::DistanceKm(*first.from, *last.to));
    int64_t fare = 2000 + km * 35 / 10;
    fare = Scale(fare, CabinPermille(cabin));
    fare = Scale(fare, it.count == 1 ? 1150 : it.count == 2 ? 920 : 850);
    fare = Scale(fare, 850 + static_cast<int64_t>(Hash(seed, {first.carrier.index(), 5}) % 400));
    const int dep_hour = MinuteOfDay(first.dep_local) / 60;
    fare = Scale(
        fare, (dep_hour >= 7 && dep_hour <= 9) || (dep_hour >= 17 && dep_hour <= 19) ? 1100 : 1000);
    fare = Scale(fare, 900 + static_cast<int64_t>(slice_hash % 200));
    adult_base_eur += fare;
    adult_tax_eur += km > 4000 ? 6000 : 1500;
  }
  adult_base_eur = Scale(adult_base_eur, AdvancePermille(days_ahead));
  adult_base_eur = Scale(adult_base_eur, brand.price_permille);
  adult_tax_eur += adult_base_eur * 8 / 100;
  offer.slices = {out_slices, combo.size()};

  // Amounts per passenger type in the offer currency: children pay 75%, lap infants 10%.
  const int64_t adult_base = prices.FromEur(adult_base_eur);
  const int64_t adult_total = adult_base + prices.FromEur(adult_tax_eur);
  struct TypeShare {
    PassengerType type;
    int count;
    int percent;
  };
  const TypeShare shares[] = {{PassengerType::kAdult, request.passengers.adults, 100},
                              {PassengerType::kChild, request.passengers.children(), 75},
                              {PassengerType::kInfant, request.passengers.infants, 10}};
  PassengerPrice* pp = arena.AllocateArray<PassengerPrice>(3);
  std::size_t types = 0;
  int64_t total = 0, base = 0;
  for (const TypeShare& t : shares) {
    if (t.count <= 0) continue;
    PassengerPrice p;
    p.type = t.type;
    p.count = static_cast<int16_t>(t.count);
    p.total_each = Money{DivideRounded(adult_total * t.percent, 100), prices.currency};
    pp[types++] = p;
    total += p.total_each.minor * t.count;
    base += DivideRounded(adult_base * t.percent, 100) * t.count;
  }
  offer.passenger_prices = {pp, types};
  offer.total = Money{total, prices.currency};
  offer.base = Money{base, prices.currency};

  offer.validating_carrier = out_slices[0].segments[0].marketing_carrier;
  offer.bags.checked_pieces = brand.checked_pieces;
  offer.bags.cabin_pieces = brand.cabin_pieces;
  offer.conditions.refundable = brand.refundable;
  offer.conditions.changeable = brand.changeable;
  if (brand.refundable == Tristate::kYes) {
    offer.conditions.refund_penalty =
        Money{prices.FromEur(brand.refund_penalty_eur_cents), prices.currency};
  }
  if (brand.changeable == Tristate::kYes) {
    offer.conditions.change_penalty =
        Money{prices.FromEur(brand.change_penalty_eur_cents), prices.currency};
  }
  // CO2 is stated for a share of itinerary combinations (the same for all of their brands), in
  // whole kilograms as suppliers do.
  if (static_cast<int>(Hash(combo_hash, {11}) % 100) < options.co2_percent) {
    offer.supplier_co2_grams = static_cast<int32_t>(co2_kg * 1000);
  }
  offer.seats_available =
      static_cast<int16_t>(1 + Hash(combo_hash, {static_cast<uint64_t>(brand_index) + 13}) % 9);
  return offer;
}

}  // namespace

uint64_t RequestSeed(const SearchRequest& request) {
  uint64_t h = Hash(0x66617265666C6F77ULL, {request.slices.size()});
  for (const SliceRequest& s : request.slices) {
    h = Hash(h, {s.origin.index(), s.destination.index(), static_cast<uint64_t>(s.departure_date)});
  }
  h = Hash(
      h, {static_cast<uint64_t>(request.passengers.adults),
          static_cast<uint64_t>(request.passengers.children()),
          static_cast<uint64_t>(request.passengers.infants), static_cast<uint64_t>(request.cabin)});
  return h;
}

std::vector<Offer> GenerateOffers(const SearchRequest& request, const GeneratorOptions& options,
                                  Arena& arena) {
  std::vector<Offer> offers;
  if (request.slices.empty() || options.offer_count <= 0) return offers;
  const uint64_t seed = options.seed ? *options.seed : RequestSeed(request);
  const std::size_t count = static_cast<std::size_t>(options.offer_count);
  const std::size_t combos_wanted = (count + kBrands - 1) / kBrands;
  // Itineraries wanted per slice so that their product covers the combinations, with slack for
  // combinations the ranking passes over.
  double per_slice = 1;
  const double k = static_cast<double>(request.slices.size());
  while (std::pow(per_slice, k) < static_cast<double>(combos_wanted) * 1.5) per_slice += 1;

  const std::vector<const Airport*> large = LargeAirports();
  std::vector<std::unique_ptr<Timetable>> tables;
  std::vector<std::vector<Itinerary>> slices;
  // Raise the schedule density (departures per day) until every slice has enough itineraries
  // or the timetable is saturated.
  for (int density = 1; density <= 8; density *= 2) {
    tables.clear();
    slices.clear();
    bool enough = true;
    double product = 1;
    for (const SliceRequest& req : request.slices) {
      tables.push_back(std::make_unique<Timetable>(seed, density, arena));
      slices.push_back(SliceItineraries(req, large, *tables.back(), seed, density,
                                        static_cast<std::size_t>(per_slice)));
      product *= static_cast<double>(slices.back().size());
      if (slices.back().empty()) return offers;  // an unknown or unroutable slice
      if (static_cast<double>(slices.back().size()) < per_slice) enough = false;
    }
    if (enough || product >= static_cast<double>(combos_wanted) * 1.5) break;
  }

  const std::vector<std::vector<int>> combos = PickCombinations(slices, combos_wanted, seed);
  PriceContext prices;
  prices.currency = options.currency.valid() ? options.currency : request.currency;
  prices.fx = &refdata::FxRates::Builtin();
  if (prices.currency != CurrencyCode::Parse("EUR") &&
      !prices.fx->Convert(Money{100, CurrencyCode::Parse("EUR")}, prices.currency)) {
    prices.currency = CurrencyCode::Parse("EUR");
  }
  offers.reserve(std::min(count, combos.size() * kBrands));
  for (const std::vector<int>& combo : combos) {
    for (int b = 0; b < kBrands && offers.size() < count; ++b) {
      offers.push_back(BuildOffer(request, slices, combo, b, options, prices, seed, arena));
    }
  }
  std::stable_sort(offers.begin(), offers.end(),
                   [](const Offer& a, const Offer& b) { return a.total.minor < b.total.minor; });
  return offers;
}

}  // namespace fareflow::builtin
