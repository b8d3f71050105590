#ifndef FAREFLOW_SUPPLIERS_DUFFEL_PATHS_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_PATHS_H_

#include <string_view>

namespace fareflow::duffel {

// The Duffel routes fareflow calls (client/) and answers (the emulator), below the base URL.
inline constexpr std::string_view kDuffelOfferRequestsPath = "/air/offer_requests";
inline constexpr std::string_view kDuffelOffersPath = "/air/offers";

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_PATHS_H_
