#include "pipeline/fare_summary.h"

#include <algorithm>

namespace fareflow {
namespace {

int BucketOf(int stops) { return std::clamp(stops, 0, FareSummary::kStopBuckets - 1); }

// Whether `a` should replace `b` as the cheapest: strictly cheaper, or `b` missing.
bool Cheaper(const FareQuote& a, const std::optional<FareQuote>& b) {
  return !b || a.total.minor < b->total.minor;
}

}  // namespace

std::optional<FareQuote> FareSummary::Cheapest(std::optional<int> max_stops) const {
  const int last = max_stops ? BucketOf(*max_stops) : kStopBuckets - 1;
  if (max_stops && *max_stops < 0) return std::nullopt;
  std::optional<FareQuote> best;
  for (int s = 0; s <= last; ++s) {
    if (cheapest_by_stops[s] && Cheaper(*cheapest_by_stops[s], best)) best = cheapest_by_stops[s];
  }
  return best;
}

void FareSummary::Merge(const FareSummary& other) {
  offers += other.offers;
  for (int s = 0; s < kStopBuckets; ++s) {
    if (other.cheapest_by_stops[s] && Cheaper(*other.cheapest_by_stops[s], cheapest_by_stops[s])) {
      cheapest_by_stops[s] = other.cheapest_by_stops[s];
    }
  }
}

FareSummary SummarizeOffers(std::span<const Offer> offers) {
  FareSummary summary;
  summary.offers = static_cast<int32_t>(offers.size());
  for (const Offer& o : offers) {
    const Offer* offer = &o;
    const int bucket = BucketOf(offer->max_slice_stops);
    std::optional<FareQuote>& slot = summary.cheapest_by_stops[bucket];
    if (slot && offer->total_requested.minor >= slot->total.minor) continue;
    FareQuote quote;
    quote.total = offer->total_requested;
    quote.per_adult = offer->per_adult_requested;
    quote.max_slice_stops = offer->max_slice_stops;
    quote.duration_minutes = offer->total_duration_minutes;
    quote.carriers = offer->carriers;
    quote.carrier_count =
        static_cast<uint8_t>(std::min<std::size_t>(offer->carrier_count, Offer::kInlineCodes));
    slot = quote;
  }
  return summary;
}

}  // namespace fareflow
