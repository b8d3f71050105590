#include "emulators/amadeus/offer_search.h"

#include <algorithm>
#include <string>

#include "core/arena.h"
#include "refdata/currencies.h"
#include "suppliers/amadeus/response_writer.h"
#include "suppliers/builtin/offer_generator.h"

namespace fareflow::emulators::amadeus_emulator {
namespace {

// Offers generated per offer answered when filters apply, and the most generated in one search.
constexpr int kPoolFactor = 4;
constexpr int kMaxPool = 1000;

bool Contains(const std::vector<AirlineCode>& codes, AirlineCode code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

int64_t PowerOfTen(int digits) {
  int64_t v = 1;
  while (digits-- > 0) v *= 10;
  return v;
}

}  // namespace

bool MatchesFilters(const Offer& offer, const FlightSearch& search) {
  for (const Slice& slice : offer.slices) {
    const int connections = static_cast<int>(slice.segments.size()) - 1;
    if (search.max_connections && connections > *search.max_connections) return false;
    int technical_stops = 0;
    for (const Segment& segment : slice.segments) {
      technical_stops += segment.technical_stops;
      if (!search.included_carriers.empty() &&
          !Contains(search.included_carriers, segment.marketing_carrier)) {
        return false;
      }
      if (Contains(search.excluded_carriers, segment.marketing_carrier) ||
          Contains(search.excluded_carriers, segment.operating_carrier)) {
        return false;
      }
    }
    if (search.non_stop && connections + technical_stops > 0) return false;
  }
  if (search.max_price) {
    const int64_t limit =
        *search.max_price * PowerOfTen(refdata::MinorDigits(offer.total.currency));
    for (const PassengerPrice& price : offer.passenger_prices) {
      if (price.total_each.minor > limit) return false;
    }
  }
  return true;
}

int OfferLimit(const FlightSearch& search, int offers_cap) {
  return offers_cap > 0 ? std::min(search.max_offers, offers_cap) : search.max_offers;
}

net::WireResponse SearchOffers(const FlightSearch& search, int offers_cap) {
  const int limit = OfferLimit(search, offers_cap);
  builtin::GeneratorOptions options;
  options.offer_count =
      search.filters_offers() ? std::min(limit * kPoolFactor, std::max(kMaxPool, limit)) : limit;
  Arena arena;
  std::vector<Offer> offers = builtin::GenerateOffers(search.request, options, arena);
  if (search.filters_offers()) {
    std::erase_if(offers, [&](const Offer& o) { return !MatchesFilters(o, search); });
  }
  if (offers.size() > static_cast<std::size_t>(limit)) {
    offers.resize(static_cast<std::size_t>(limit));
  }
  net::WireResponse response;
  response.content_type = std::string(kAmadeusJson);
  amadeus::WriteFlightOffersResponse(offers, search.request, response.body);
  return response;
}

}  // namespace fareflow::emulators::amadeus_emulator
