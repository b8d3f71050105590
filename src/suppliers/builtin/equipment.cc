#include "suppliers/builtin/equipment.h"

#include <span>

#include "refdata/aircraft.h"
#include "suppliers/builtin/deterministic_hash.h"

namespace fareflow::builtin {
namespace {

using refdata::Airport;

constexpr std::string_view kShortAircraft[] = {"320", "319", "32N", "73H", "E90",
                                               "E95", "CR9", "DH4", "AT7", "221"};
constexpr std::string_view kMediumAircraft[] = {"320", "321", "32N", "32Q",
                                                "73H", "7M8", "738", "223"};
constexpr std::string_view kLongAircraft[] = {"789", "788", "77W", "359", "333", "332",
                                              "772", "351", "388", "763", "78X", "339"};

constexpr std::string_view kTerminals[] = {"1", "2", "3", "4", "5"};

}  // namespace

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

std::string_view Terminal(const Airport& a, AirlineCode c, uint64_t seed) {
  const uint64_t h = Hash(seed, {a.code.index(), 77});
  if (h % 4 == 0) return {};
  const int terminals = 1 + static_cast<int>((h >> 8) % 5);
  return kTerminals[Hash(seed, {a.code.index(), c.index()}) % terminals];
}

}  // namespace fareflow::builtin
