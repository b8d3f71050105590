#include "engine/builtin_supplier.h"

#include <chrono>
#include <cstdio>

#include "engine/stage_timings.h"
#include "suppliers/builtin/offer_generator.h"

namespace fareflow {

SupplierOutcome RunBuiltinSupplier(const Enricher& enricher, RequestContext& context,
                                   uint16_t index, int offers, std::string name) {
  const auto start = std::chrono::steady_clock::now();
  SupplierOutcome outcome;
  outcome.name = std::move(name);
  outcome.kind = SupplierKind::kBuiltin;
  outcome.max_offers = offers;
  Arena& arena = context.NewArena();
  OfferBatch& batch = context.NewBatch(arena);
  builtin::GeneratorOptions options;
  options.offer_count = offers;
  options.currency = context.request().currency;
  std::vector<Offer> generated = builtin::GenerateOffers(context.request(), options, arena);
  batch.offers.reserve(generated.size());
  for (Offer& offer : generated) {
    ++batch.received;
    offer.supplier = index;
    if (offer.supplier_offer_id.empty()) {
      // Ids are the offer's position in the deterministic generation: stable for a search.
      char id[24];
      const int n = std::snprintf(id, sizeof id, "bi_%d", batch.received);
      offer.supplier_offer_id = arena.CopyString({id, static_cast<std::size_t>(n)});
    }
    if (auto reason = enricher.Enrich(offer, arena)) {
      batch.Drop(*reason, offer.supplier_offer_id);
      continue;
    }
    batch.offers.push_back(offer);
  }
  outcome.batch = &batch;
  outcome.micros = MicrosSince(start);
  return outcome;
}

}  // namespace fareflow
