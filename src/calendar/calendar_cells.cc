#include "calendar/calendar_cells.h"

#include <algorithm>

namespace fareflow {
namespace {

// Calls `cell(departure, return_date)` for every cell of `request`, in the answer's order.
template <typename Cell>
void ForEachCell(const CalendarRequest& r, Cell cell) {
  for (Days departure = r.departure_from; departure <= r.departure_to; ++departure) {
    if (r.min_nights && r.max_nights) {
      for (int nights = *r.min_nights; nights <= *r.max_nights; ++nights) {
        cell(departure, std::optional<Days>(departure + nights));
      }
    } else if (r.return_from && r.return_to) {
      for (Days back = std::max(*r.return_from, departure); back <= *r.return_to; ++back) {
        cell(departure, std::optional<Days>(back));
      }
    } else {
      cell(departure, std::optional<Days>());
    }
  }
}

}  // namespace

SearchRequest CellSearch(const CalendarRequest& r, Days departure,
                         std::optional<Days> return_date) {
  SearchRequest search;
  search.slices.push_back({r.origin, r.destination, departure});
  if (return_date) search.slices.push_back({r.destination, r.origin, *return_date});
  search.passengers = r.passengers;
  search.cabin = r.cabin;
  search.currency = r.currency;
  search.max_connections = r.max_stops;
  search.filters.max_stops = r.max_stops;
  search.filters.max_price_minor = r.max_price_minor;
  return search;
}

std::vector<CalendarCell> ExpandCells(const CalendarRequest& request) {
  std::vector<CalendarCell> cells;
  cells.reserve(static_cast<std::size_t>(CalendarCellCount(request)));
  ForEachCell(request, [&](Days departure, std::optional<Days> return_date) {
    CalendarCell& cell = cells.emplace_back();
    cell.departure = departure;
    cell.return_date = return_date;
    cell.search = CellSearch(request, departure, return_date);
  });
  return cells;
}

int CalendarCellCount(const CalendarRequest& request) {
  // Counted rather than computed: ranges are bounded by the decoder (62 days x 61 nights at
  // most), and counting cannot disagree with ExpandCells.
  int count = 0;
  ForEachCell(request, [&](Days, std::optional<Days>) { ++count; });
  return count;
}

}  // namespace fareflow
