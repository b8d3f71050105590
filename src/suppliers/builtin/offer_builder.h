#ifndef FAREFLOW_SUPPLIERS_BUILTIN_OFFER_BUILDER_H_
#define FAREFLOW_SUPPLIERS_BUILTIN_OFFER_BUILDER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/arena.h"
#include "core/codes.h"
#include "model/offer.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/builtin/offer_generator.h"
#include "suppliers/builtin/timetable.h"

namespace fareflow::builtin {

// Combining one itinerary per slice into offers, and pricing them.

// Picks `wanted` combinations of one itinerary per slice, preferring combinations of
// well-ranked itineraries (lowest sum of ranks, with a little noise so that the cheapest
// outbound is not paired with every inbound first). Each combination is a list of indices.
std::vector<std::vector<int>> PickCombinations(const std::vector<std::vector<Itinerary>>& slices,
                                               std::size_t wanted, uint64_t seed);

// The offer currency and the rates that convert the generator's EUR prices into it.
struct PriceContext {
  CurrencyCode currency;
  const refdata::FxRates* fx = nullptr;

  // EUR cents to the offer currency.
  int64_t FromEur(int64_t eur_cents) const {
    if (currency == CurrencyCode::Parse("EUR")) return eur_cents;
    const std::optional<Money> m =
        fx->Convert(Money{eur_cents, CurrencyCode::Parse("EUR")}, currency);
    return m ? m->minor : eur_cents;
  }
};

// One generated offer: a combination of itineraries under one brand (`combo[s]` indexes
// `slices[s]`). Its slices, segments, passenger prices and fare basis codes are allocated in
// `arena`; other strings point into static reference data.
Offer BuildOffer(const SearchRequest& request, const std::vector<std::vector<Itinerary>>& slices,
                 const std::vector<int>& combo, int brand_index, const GeneratorOptions& options,
                 const PriceContext& prices, uint64_t seed, Arena& arena);

}  // namespace fareflow::builtin

#endif  // FAREFLOW_SUPPLIERS_BUILTIN_OFFER_BUILDER_H_
