#ifndef FAREFLOW_PIPELINE_SELECTION_H_
#define FAREFLOW_PIPELINE_SELECTION_H_

#include <cstdint>
#include <vector>

namespace fareflow {

// The offers one query keeps, as indices into the deduplicated offers of a search (the
// std::span<Offer* const> every stage takes). Filters select rather than copy: a Selection is
// produced by ApplyFilters, reordered in place by Sort, and read by Score, BuildFacets and
// TakePage. Indices stay valid as long as the offers they index do.
using Selection = std::vector<uint32_t>;

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_SELECTION_H_
