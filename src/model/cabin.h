#ifndef FAREFLOW_MODEL_CABIN_H_
#define FAREFLOW_MODEL_CABIN_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace fareflow {

enum class Cabin : uint8_t { kUnknown, kEconomy, kPremiumEconomy, kBusiness, kFirst };

// "economy", "premium_economy", "business", "first", "unknown".
std::string_view CabinName(Cabin c);

// Accepts fareflow's and both suppliers' spellings, any case: "economy", "premium_economy",
// "PREMIUM_ECONOMY", "business", "first". nullopt for anything else.
std::optional<Cabin> ParseCabin(std::string_view s);

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_CABIN_H_
