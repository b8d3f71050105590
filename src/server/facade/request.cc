#include "server/facade/request.h"

#include <cstdint>
#include <limits>

#include "refdata/currencies.h"

namespace fareflow::server {

SearchRequest ToFareflowRequest(const amadeus::FlightSearch& search) {
  SearchRequest request = search.request;
  if (search.max_connections) request.max_connections = *search.max_connections;
  if (search.non_stop) {
    request.max_connections = 0;
    request.filters.max_stops = 0;
  }
  request.filters.include_airlines = search.included_carriers;
  request.filters.exclude_airlines = search.excluded_carriers;
  if (search.max_price && *search.max_price > 0) {
    // A bound too large for int64 minor units filters nothing, so it is left out.
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    int64_t bound = *search.max_price;
    bool fits = true;
    for (int i = refdata::MinorDigits(request.currency); i > 0 && fits; --i) {
      fits = bound <= kMax / 10;
      if (fits) bound *= 10;
    }
    const int64_t travelers = request.passengers.total();
    if (fits && travelers > 0 && bound <= kMax / travelers) {
      request.filters.max_price_minor = bound * travelers;
    }
  }
  request.sort = SortKey::kCheapest;
  request.limit = 0;
  request.cursor.clear();
  return request;
}

}  // namespace fareflow::server
