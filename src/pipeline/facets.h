#ifndef FAREFLOW_PIPELINE_FACETS_H_
#define FAREFLOW_PIPELINE_FACETS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "model/offer.h"
#include "pipeline/selection.h"
#include "refdata/airlines.h"

namespace fareflow {

// How many selected offers fall in a facet value, and the cheapest of them. All prices are
// total_requested.minor (whole offer, requested currency). min_price_minor is 0 when count is 0.
struct FacetCount {
  int count = 0;
  int64_t min_price_minor = 0;
};

// Offers with a marketing carrier on any segment (counted once per offer).
struct AirlineFacet {
  AirlineCode code;
  FacetCount value;
  // The carrier's name as the first offer of the selection that it markets names it
  // (MarketingCarrierDisplayName in model/carrier_name.h), so the facet and the offers agree.
  // Suppliers may name one code differently; the first offer in the selection's order decides.
  // Empty when neither the supplier nor the reference data names it. Views that offer's strings
  // (or static reference data): lives as long as the offers do.
  std::string_view name;
};

// Offers with a marketing carrier of the alliance on any segment; kNone covers airlines that are
// in no alliance or unknown.
struct AllianceFacet {
  refdata::Alliance alliance = refdata::Alliance::kNone;
  FacetCount value;
};

// Offers connecting at the airport on any layover (arrival or departure side).
struct AirportFacet {
  LocationCode code;
  FacetCount value;
};

// One bucket of the price histogram: offers with lo_minor <= price < hi_minor.
struct PriceBucket {
  int64_t lo_minor = 0;
  int64_t hi_minor = 0;
  int count = 0;
};

// Departure time of day of one slice, local time at the origin.
enum class DayPart : uint8_t { kNight, kMorning, kAfternoon, kEvening };  // 0-6, 6-12, 12-18, 18-24
inline constexpr int kDayParts = 4;
// Number of buckets of the price histogram (fewer when the price range is narrower).
inline constexpr int kPriceBuckets = 10;

// Counts for the filter UI, computed over a filtered selection. Plain data; deterministic order.
struct Facets {
  int total = 0;  // offers in the selection
  // By Offer::max_slice_stops: [0] nonstop, [1] one stop, [2] two or more.
  std::array<FacetCount, 3> stops;
  // Count descending, then code in ASCII order ("9W" before "BA").
  std::vector<AirlineFacet> airlines;
  // Count descending, then Alliance's enum order; only alliances that occur.
  std::vector<AllianceFacet> alliances;
  // Count descending, then code in alphabetical order.
  std::vector<AirportFacet> connecting_airports;
  // Up to kPriceBuckets equal-width buckets from the lowest price; the last bucket's hi_minor
  // exceeds the highest price. Empty when the selection is.
  std::vector<PriceBucket> price_histogram;
  int64_t min_price_minor = 0;  // 0 when the selection is empty
  int64_t max_price_minor = 0;
  // Per slice index (slice_count entries), indexed by DayPart.
  std::vector<std::array<FacetCount, kDayParts>> departure_day_parts;
};

// Builds the facets of the offers in `selection` (indices into `offers`). `slice_count` is the
// number of slices asked for (at most kMaxSlices); slices of an offer beyond it are not counted.
// CountFacets then NameAirlineFacets over the same selection.
Facets BuildFacets(std::span<Offer* const> offers, const Selection& selection, int slice_count);

// The facets without the airlines' names: everything CountFacets writes is the same whatever the
// order of `selection`, so it can run on a copy of the selection while Sort reorders the original
// (engine/run_pipeline.cc).
Facets CountFacets(std::span<Offer* const> offers, const Selection& selection, int slice_count);

// Names each of facets.airlines as the first offer of `selection` that it markets names it
// (AirlineFacet::name). Reads the selection only as far as its last airline's first offer.
void NameAirlineFacets(std::span<Offer* const> offers, const Selection& selection, Facets& facets);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_FACETS_H_
