#ifndef FAREFLOW_PIPELINE_FARE_SUMMARY_H_
#define FAREFLOW_PIPELINE_FARE_SUMMARY_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/codes.h"
#include "core/money.h"
#include "model/offer.h"

namespace fareflow {

// One offer as a price calendar shows it: what it costs, how often it stops, who flies it.
// Trivially copyable: kept beside cached answers and written into the Redis tier as is.
struct FareQuote {
  Money total;      // all passengers, in the requested currency
  Money per_adult;  // one adult's share, in the requested currency
  int16_t max_slice_stops = 0;
  int32_t duration_minutes = 0;  // every slice, in real elapsed time
  // The distinct marketing carriers, in the order flown; only the first Offer::kInlineCodes.
  std::array<AirlineCode, Offer::kInlineCodes> carriers{};
  uint8_t carrier_count = 0;
};

// What a price calendar needs of one supplier's answer, computed once when the answer is parsed,
// so that a calendar cell costs a lookup, not a parse: the offer count and the cheapest offer for
// each number of stops. Trivially copyable.
struct FareSummary {
  // Slices with more stops than this share the last bucket.
  static constexpr int kStopBuckets = 3;

  int32_t offers = 0;  // offers kept of the answer
  // [s]: the cheapest offer whose most-stopping slice has s stops (the last bucket: s or more);
  // by total in the requested currency, the first met on a tie.
  std::array<std::optional<FareQuote>, kStopBuckets> cheapest_by_stops{};

  // The cheapest offer with at most `max_stops` stops on every slice (any when absent); nullopt
  // when there is none.
  std::optional<FareQuote> Cheapest(std::optional<int> max_stops = std::nullopt) const;
  // Combines another supplier's summary of the same request into this one.
  void Merge(const FareSummary& other);
};

// The summary of enriched `offers` (total_requested, per_adult_requested, stops and carriers
// read; nothing written).
FareSummary SummarizeOffers(std::span<const Offer> offers);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_FARE_SUMMARY_H_
