#ifndef FAREFLOW_ENGINE_SEARCH_RESULT_H_
#define FAREFLOW_ENGINE_SEARCH_RESULT_H_

#include <string>
#include <vector>

#include "engine/supplier_outcome.h"
#include "model/offer.h"
#include "model/offer_batch.h"
#include "pipeline/facets.h"
#include "pipeline/page.h"
#include "pipeline/selection.h"

namespace fareflow {

// The processed answer of one search. Offer pointers and views point into the RequestContext the
// search ran in, which must outlive this result.
struct SearchResult {
  std::vector<SupplierOutcome> suppliers;
  std::vector<Offer*> offers;            // deduplicated, in dedupe order
  Selection selection;                   // indices into `offers` that match the filters, sorted
  Facets facets;                         // over `selection`
  Page page;                             // the slice of `selection` to return
  int received = 0;                      // offers in all payloads
  int dropped = 0;                       // malformed or off-route offers dropped while parsing
  int parsed = 0;                        // offers kept after parsing, before dedupe
  ZoneDisagreements zone_disagreements;  // airports whose zones stated durations disputed
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SEARCH_RESULT_H_
