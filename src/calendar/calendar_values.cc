#include "calendar/calendar_values.h"

#include <algorithm>
#include <cstdint>

namespace fareflow {

std::optional<FareSummary> OutcomeSummary(const SupplierOutcome& outcome) {
  if (outcome.summary) return outcome.summary;
  if (outcome.batch != nullptr) return SummarizeOffers(outcome.batch->offers);
  return std::nullopt;
}

std::optional<FareQuote> CheapestWithin(const FareSummary& summary, std::optional<int> max_stops,
                                        std::optional<int64_t> max_price_minor) {
  std::optional<FareQuote> quote = summary.Cheapest(max_stops);
  // The cheapest within the stops is over the price only when every fare within them is.
  if (quote && max_price_minor && quote->total.minor > *max_price_minor) return std::nullopt;
  return quote;
}

void FillCell(const CalendarRequest& request, std::span<const SupplierOutcome> outcomes,
              CalendarCell& cell) {
  cell.suppliers.clear();
  std::optional<FareSummary> merged;
  for (const SupplierOutcome& outcome : outcomes) {
    CalendarCellSupplier& supplier = cell.suppliers.emplace_back();
    supplier.name = outcome.name;
    supplier.status = outcome.status;
    supplier.cache = outcome.cache;
    if (!outcome.ContributesOffers() && !HasOffers(outcome.status)) continue;
    std::optional<FareSummary> summary = OutcomeSummary(outcome);
    if (!summary) continue;
    supplier.cheapest = CheapestWithin(*summary, request.max_stops, request.max_price_minor);
    if (merged) {
      merged->Merge(*summary);
    } else {
      merged = summary;
    }
  }
  cell.cheapest.reset();
  cell.cheapest_nonstop.reset();
  if (!merged) return;
  cell.cheapest = CheapestWithin(*merged, request.max_stops, request.max_price_minor);
  cell.cheapest_nonstop = CheapestWithin(*merged, 0, request.max_price_minor);
}

void SummarizeCells(CalendarResult& result) {
  std::vector<int64_t> totals;
  result.cheapest_cell.reset();
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    const CalendarCell& cell = result.cells[i];
    if (!cell.filled()) continue;
    totals.push_back(cell.cheapest->total.minor);
    // Cells are in date order, so the first of equal totals is the earliest.
    if (!result.cheapest_cell ||
        cell.cheapest->total.minor < result.cells[*result.cheapest_cell].cheapest->total.minor) {
      result.cheapest_cell = i;
    }
  }
  result.cells_filled = static_cast<int>(totals.size());
  result.bands.reset();
  if (totals.empty()) return;
  std::sort(totals.begin(), totals.end());
  // Terciles by rank: the first third of the sorted totals is low, the second typical. With
  // fewer than three cells some bands are empty, and the bounds say so by coinciding.
  const std::size_t n = totals.size();
  const CurrencyCode currency = result.cells[*result.cheapest_cell].cheapest->total.currency;
  const std::size_t low = (n - 1) / 3;
  const std::size_t typical = (2 * n - 1) / 3;
  result.bands =
      PriceBands{.low_max = {totals[low], currency}, .typical_max = {totals[typical], currency}};
}

}  // namespace fareflow
