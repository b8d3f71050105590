#include "model/cabin.h"

#include <cctype>

namespace fareflow {

std::string_view CabinName(Cabin c) {
  switch (c) {
    case Cabin::kEconomy:
      return "economy";
    case Cabin::kPremiumEconomy:
      return "premium_economy";
    case Cabin::kBusiness:
      return "business";
    case Cabin::kFirst:
      return "first";
    case Cabin::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<Cabin> ParseCabin(std::string_view s) {
  auto equals = [s](std::string_view lower) {
    if (s.size() != lower.size()) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(s[i])) != lower[i]) return false;
    }
    return true;
  };
  if (equals("economy")) return Cabin::kEconomy;
  if (equals("premium_economy")) return Cabin::kPremiumEconomy;
  if (equals("business")) return Cabin::kBusiness;
  if (equals("first")) return Cabin::kFirst;
  return std::nullopt;
}

}  // namespace fareflow
