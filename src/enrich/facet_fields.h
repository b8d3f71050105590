#ifndef FAREFLOW_ENRICH_FACET_FIELDS_H_
#define FAREFLOW_ENRICH_FACET_FIELDS_H_

#include "model/offer.h"

namespace fareflow {

// Fills what facets read without walking the offer (Offer::carriers, connections, their counts,
// alliance_mask and departure_day_parts) from its slices, segments and layovers, which must be
// enriched already. Part of Enricher::Enrich; on its own for offers built otherwise (tests).
void PrecomputeFacetFields(Offer& offer);

}  // namespace fareflow

#endif  // FAREFLOW_ENRICH_FACET_FIELDS_H_
