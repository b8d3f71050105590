#ifndef FAREFLOW_ENGINE_BUILTIN_SUPPLIER_H_
#define FAREFLOW_ENGINE_BUILTIN_SUPPLIER_H_

#include <cstdint>
#include <string>

#include "engine/request_context.h"
#include "engine/supplier_outcome.h"
#include "enrich/enricher.h"

namespace fareflow {

inline constexpr int kDefaultBuiltinOffers = 2000;

// The built-in supplier: synthetic but plausible offers over the reference airports and airlines
// (see suppliers/builtin/offer_generator.h), produced directly as canonical offers with no wire
// format in between and enriched like any supplier's. Deterministic for the same search.
// `offers` bounds how many offers it generates.
SupplierOutcome RunBuiltinSupplier(const Enricher& enricher, RequestContext& context,
                                   uint16_t index, int offers = kDefaultBuiltinOffers,
                                   std::string name = "builtin");

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_BUILTIN_SUPPLIER_H_
