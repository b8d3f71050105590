#ifndef FAREFLOW_ENGINE_RUN_PIPELINE_H_
#define FAREFLOW_ENGINE_RUN_PIPELINE_H_

#include <string_view>
#include <vector>

#include "core/result.h"
#include "engine/request_context.h"
#include "engine/search_result.h"
#include "engine/supplier_outcome.h"

namespace fareflow {

// Runs the transform stages over what the suppliers returned: dedupe -> filter -> score ->
// sort -> facets -> page, timing each stage into context.timings(). `search_id` names the set of
// supplier answers (a stored search's id, or the payload files) and ties page cursors to it.
// Fails only on a cursor that does not belong to this query; supplier failures are already
// statuses in `suppliers`.
Result<SearchResult> RunPipeline(RequestContext& context, std::vector<SupplierOutcome> suppliers,
                                 std::string_view search_id);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_RUN_PIPELINE_H_
