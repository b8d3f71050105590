#ifndef FAREFLOW_PIPELINE_RANK_H_
#define FAREFLOW_PIPELINE_RANK_H_

#include <span>

#include "model/offer.h"
#include "model/search_request.h"
#include "pipeline/selection.h"

namespace fareflow {

// The "best" score of an offer, relative to the other offers of the same selection (lower is
// better):
//
//   score = price / min_price + 0.5 * duration / min_duration
//           + 0.15 * total_stops + 0.3 * airport_changes
//
// where price is per_adult_requested.minor, duration is total_duration_minutes, and the minima
// are taken over the selection. A minimum that is zero or negative (free or unpriced offers,
// missing durations) makes that ratio 1 for every offer, so it neither divides by zero nor ranks.
//
// Sets Offer::score of every selected offer, and Offer::tags: first clears the tags of every
// selected offer, then sets kTagBest, kTagCheapest and kTagFastest on exactly one offer each --
// the first offer Sort would put first under kBest, kCheapest and kFastest. Offers outside the
// selection are not touched. Nothing is tagged when the selection is empty.
void Score(std::span<Offer* const> offers, const Selection& selection);

// Orders `selection` in place by `key`:
//   kBest               score ascending (call Score first)
//   kCheapest           total_requested.minor ascending
//   kFastest            total_duration_minutes ascending
//   kEarliestDeparture  first slice's departure_utc ascending
//   kLatestArrival      last slice's arrival_local descending (latest arrival first; local wall
//                       clock at the destination, which is what a traveller reads)
// Ties always fall through to total_requested.minor, then total_duration_minutes, then
// dedupe_key, then supplier, then supplier_offer_id, then the index: the order is total and
// repeatable, which pagination relies on.
void Sort(std::span<Offer* const> offers, Selection& selection, SortKey key);

// Score, then Sort by `key`: the same scores, tags and order, with one pass over the offers fewer
// (each offer's sort entry is made in Score's pass). A search's offers were written by other
// threads and are larger than this core's cache, so each pass reads them from memory again.
void ScoreAndSort(std::span<Offer* const> offers, Selection& selection, SortKey key);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_RANK_H_
