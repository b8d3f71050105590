#ifndef FAREFLOW_ENRICH_DEDUPE_KEY_H_
#define FAREFLOW_ENRICH_DEDUPE_KEY_H_

#include <cstdint>

#include "model/offer.h"

namespace fareflow {

// A 64-bit key equal for offers that sell the same thing: the same flights (marketing carrier,
// flight number, origin, destination and local departure time of every segment, slice by slice),
// in the same cabin, under the same fare brand (compared without case). Suppliers' ids, prices
// and noise fields do not enter it. XXH3 over a compact binary encoding.
uint64_t ComputeDedupeKey(const Offer& offer);

}  // namespace fareflow

#endif  // FAREFLOW_ENRICH_DEDUPE_KEY_H_
