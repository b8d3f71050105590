#ifndef FAREFLOW_APP_TABLE_OUTPUT_H_
#define FAREFLOW_APP_TABLE_OUTPUT_H_

#include <string>

#include "engine/search_result.h"
#include "engine/stage_timings.h"

namespace fareflow {

// Renders a search answer as a readable table for a terminal: one block per offer with its price,
// tags, and one line per slice (times, duration, stops, carriers and flights), then the supplier
// statuses and counts.
std::string FormatSearchTable(const SearchResult& result, const StageTimings& timings,
                              bool include_timings);

}  // namespace fareflow

#endif  // FAREFLOW_APP_TABLE_OUTPUT_H_
