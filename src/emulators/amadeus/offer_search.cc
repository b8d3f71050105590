#include "emulators/amadeus/offer_search.h"

#include <algorithm>
#include <string>

#include "core/arena.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/amadeus/server/offer_filters.h"
#include "suppliers/builtin/offer_generator.h"

namespace fareflow::emulators {
namespace {

// Offers generated per offer answered when filters apply, and the most generated in one search.
constexpr int kPoolFactor = 4;
constexpr int kMaxPool = 1000;

}  // namespace

int OfferLimit(const amadeus::FlightSearch& search, int offers_cap) {
  return offers_cap > 0 ? std::min(search.max_offers, offers_cap) : search.max_offers;
}

net::WireResponse SearchOffers(const amadeus::FlightSearch& search, int offers_cap) {
  const int limit = OfferLimit(search, offers_cap);
  builtin::GeneratorOptions options;
  options.offer_count =
      search.filters_offers() ? std::min(limit * kPoolFactor, std::max(kMaxPool, limit)) : limit;
  Arena arena;
  std::vector<Offer> offers = builtin::GenerateOffers(search.request, options, arena);
  if (search.filters_offers()) {
    std::erase_if(offers, [&](const Offer& o) { return !amadeus::MatchesFilters(o, search); });
  }
  if (offers.size() > static_cast<std::size_t>(limit)) {
    offers.resize(static_cast<std::size_t>(limit));
  }
  net::WireResponse response;
  response.content_type = std::string(amadeus::kAmadeusJson);
  amadeus::WriteFlightOffersResponse(offers, search.request, response.body);
  return response;
}

}  // namespace fareflow::emulators
