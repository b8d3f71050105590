#ifndef FAREFLOW_SUPPLIERS_AMADEUS_PATHS_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_PATHS_H_

#include <string_view>

namespace fareflow::amadeus {

// The Amadeus Self-Service routes fareflow calls (client/) and answers (the emulator), below the
// environment's base URL. The facade's router names them as literals, which the OpenAPI test reads.
inline constexpr std::string_view kAmadeusTokenPath = "/v1/security/oauth2/token";
inline constexpr std::string_view kAmadeusFlightOffersPath = "/v2/shopping/flight-offers";

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_PATHS_H_
