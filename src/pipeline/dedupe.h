#ifndef FAREFLOW_PIPELINE_DEDUPE_H_
#define FAREFLOW_PIPELINE_DEDUPE_H_

#include <span>
#include <vector>

#include "core/arena.h"
#include "model/offer.h"
#include "model/offer_batch.h"

namespace fareflow {

// What Dedupe kept.
struct DedupeResult {
  // One offer per distinct Offer::dedupe_key, pointing into the batches' arenas (valid as long
  // as those are). Order: first-seen order of each key while walking the batches in canonical
  // order -- batches sorted by the supplier index of their first offer, then by that offer's
  // supplier_offer_id (arrival order never matters) -- and each batch's offers in payload order.
  std::vector<Offer*> offers;
  int input_offers = 0;  // offers in all batches
  int merged = 0;        // input_offers - offers.size(): duplicates folded into another offer
};

// Merges offers that fly the same itinerary with the same fare (same dedupe_key), whichever
// supplier sold them. Each key is represented by its cheapest offer by total_requested; ties go
// to the lower supplier index, then the smaller supplier_offer_id, then the canonical order above.
// The kept offer's pricing_options are set to one entry per merged offer (itself included),
// allocated in `arena` and sorted by the same order (cheapest first). Offers that lost keep their
// fields untouched. O(n): one pass over an open-addressing table, one pass to fill the options.
//
// `arena` must outlive the returned offers' use of pricing_options (use the request's arena).
DedupeResult Dedupe(std::span<OfferBatch* const> batches, Arena& arena);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_DEDUPE_H_
