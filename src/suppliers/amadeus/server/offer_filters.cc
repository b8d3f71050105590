#include "suppliers/amadeus/server/offer_filters.h"

#include <algorithm>
#include <vector>

#include "refdata/currencies.h"

namespace fareflow::amadeus {
namespace {

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

}  // namespace fareflow::amadeus
