#include "server/facade/currency.h"

#include <cstdint>
#include <limits>

namespace fareflow::server {
namespace {

__extension__ using Wide = __int128;  // products of two int64 amounts

// `minor` * numerator / denominator, rounded half away from zero, saturated to int64.
int64_t Scale(int64_t minor, int64_t numerator, int64_t denominator) {
  const Wide product = static_cast<Wide>(minor) * numerator;
  const Wide half = denominator / 2;
  const Wide q = product >= 0 ? (product + half) / denominator : (product - half) / denominator;
  if (q > std::numeric_limits<int64_t>::max()) return std::numeric_limits<int64_t>::max();
  if (q < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(q);
}

}  // namespace

Offer InRequestedCurrency(const Offer& offer, Arena& arena) {
  const CurrencyCode to = offer.total_requested.currency;
  if (!to.valid() || offer.total.currency == to) return offer;
  Offer copy = offer;
  const int64_t from_total = offer.total.minor;
  const int64_t to_total = offer.total_requested.minor;
  // A free offer has no ratio to scale by; its parts are free too.
  auto restate = [&](Money m) {
    return Money{from_total > 0 ? Scale(m.minor, to_total, from_total) : 0, to};
  };
  copy.total = offer.total_requested;
  if (offer.base.currency.valid()) copy.base = restate(offer.base);
  std::span<PassengerPrice> prices = arena.CopyArray<PassengerPrice>(offer.passenger_prices);
  for (PassengerPrice& price : prices) {
    if (price.total_each.currency.valid()) price.total_each = restate(price.total_each);
  }
  copy.passenger_prices = prices;
  return copy;
}

}  // namespace fareflow::server
