#ifndef FAREFLOW_CALENDAR_CALENDAR_VALUES_H_
#define FAREFLOW_CALENDAR_CALENDAR_VALUES_H_

#include <optional>
#include <span>
#include <vector>

#include "calendar/calendar.h"
#include "engine/supplier_outcome.h"
#include "pipeline/fare_summary.h"

namespace fareflow {

// The summary of one supplier's outcome: its own (a cached answer's, or the source's), else the
// summary of its batch; nullopt when it has neither (no answer, or not cached).
std::optional<FareSummary> OutcomeSummary(const SupplierOutcome& outcome);

// The cheapest fare of `summary` with at most `max_stops` stops on every slice (any when absent)
// that costs at most `max_price_minor` in all (any when absent).
std::optional<FareQuote> CheapestWithin(const FareSummary& summary, std::optional<int> max_stops,
                                        std::optional<int64_t> max_price_minor);

// Sets `cell`'s suppliers (one entry per outcome, in order) and its prices from `outcomes`, the
// source's answer to the cell's search: the summaries of the suppliers that answered ok, merged,
// read within the request's max_stops and max_price (cheapest), and nonstop (cheapest_nonstop).
void FillCell(const CalendarRequest& request, std::span<const SupplierOutcome> outcomes,
              CalendarCell& cell);

// Sets result.cheapest_cell (the lowest total, the earliest cell on a tie), result.bands
// (terciles of the filled cells' totals) and result.cells_filled from result.cells.
void SummarizeCells(CalendarResult& result);

}  // namespace fareflow

#endif  // FAREFLOW_CALENDAR_CALENDAR_VALUES_H_
