#ifndef FAREFLOW_SUPPLIERS_AMADEUS_TRAVEL_CLASS_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_TRAVEL_CLASS_H_

#include <optional>
#include <string_view>

#include "model/cabin.h"

namespace fareflow::amadeus {

// Amadeus's TravelClass enum and fareflow's Cabin, in one place for every side that speaks it:
// the query the client sends (flightFilters.cabinRestrictions), the answers the response writer
// gives (fareDetailsBySegment.cabin) and the server side's request readers (travelClass).

// "ECONOMY", "PREMIUM_ECONOMY", "BUSINESS", "FIRST"; empty for Cabin::kUnknown, which has no
// TravelClass.
constexpr std::string_view TravelClassName(Cabin cabin) {
  switch (cabin) {
    case Cabin::kEconomy:
      return "ECONOMY";
    case Cabin::kPremiumEconomy:
      return "PREMIUM_ECONOMY";
    case Cabin::kBusiness:
      return "BUSINESS";
    case Cabin::kFirst:
      return "FIRST";
    case Cabin::kUnknown:
      break;
  }
  return {};
}

// The cabin of a TravelClass spelled exactly as the API does; nullopt for anything else.
constexpr std::optional<Cabin> ParseTravelClass(std::string_view text) {
  for (Cabin cabin : {Cabin::kEconomy, Cabin::kPremiumEconomy, Cabin::kBusiness, Cabin::kFirst}) {
    if (text == TravelClassName(cabin)) return cabin;
  }
  return std::nullopt;
}

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_TRAVEL_CLASS_H_
