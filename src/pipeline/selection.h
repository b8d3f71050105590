#ifndef FAREFLOW_PIPELINE_SELECTION_H_
#define FAREFLOW_PIPELINE_SELECTION_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fareflow {

// The offers one query keeps, as indices into the deduplicated offers of a search (the
// std::span<Offer* const> every stage takes). Filters select rather than copy: a Selection is
// produced by ApplyFilters, reordered in place by Sort, and read by Score, BuildFacets and
// TakePage. Indices stay valid as long as the offers they index do.
using Selection = std::vector<uint32_t>;

// How many offers ahead of the one a stage reads it asks the processor for. The offers lie in
// the arenas of the payloads that brought them, in the order dedupe left them, so on a search
// larger than the cache each is a miss the processor cannot see coming: the next address is known
// only once the pointer to it is loaded. Asked for this many offers early, it is in the cache
// when the stage comes to it. Measured in turns with the stages before (fareflow_bench, two
// rounds): on W20k, BM_Filter 3.3–4.9 ms → 1.4–2.2 ms, BM_Facets 2.6–3.6 ms → 0.8 ms and
// BM_ScoreAndSort 0.72–0.87 ms → 0.55–0.62 ms; on W100k 23–31 → 14–18 ms, 21–23 → 8–15 ms and
// 10–15 → 7 ms; on W5k, whose offers fit in the cache, a tenth to a fifth less.
inline constexpr std::size_t kOffersAhead = 8;

// Calls body(index, offer) for the offer of each index of `selection`, in order, asking for the
// offer kOffersAhead places on before it.
template <typename OfferT, typename Body>
inline void ForEachSelected(std::span<OfferT* const> offers, const Selection& selection,
                            Body&& body) {
  const std::size_t n = selection.size();
  for (std::size_t k = 0; k < n; ++k) {
    if (k + kOffersAhead < n) __builtin_prefetch(offers[selection[k + kOffersAhead]]);
    body(selection[k], *offers[selection[k]]);
  }
}

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_SELECTION_H_
