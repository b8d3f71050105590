#include "app/calendar_table.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "calendar/calendar_mode.h"
#include "core/datetime.h"
#include "core/money.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

std::string Date(Days d) {
  char buf[10];
  FormatDate(d, buf);
  return std::string(buf, 10);
}

std::string Plain(const Money& m) {
  char buf[24];
  const int n = FormatDecimalMinor(m.minor, refdata::MinorDigits(m.currency), buf);
  return std::string(buf, static_cast<std::size_t>(n));
}

}  // namespace

std::string FormatCalendarTable(const CalendarResult& result, const CalendarRequest& r) {
  std::string out = fmt::format("{}-{} {} {}: {} cells, {} filled, {} supplier calls, {} refused\n",
                                r.origin.str(), r.destination.str(), r.currency.str(),
                                kCalendarModeNames.NameOf(r.mode), result.cells.size(),
                                result.cells_filled, result.supplier_calls, result.calls_refused);

  // Columns: trip lengths or return dates, in order; rows: departure dates.
  const bool by_nights = r.min_nights.has_value();
  std::vector<int> columns;  // nights, or return days
  for (const CalendarCell& c : result.cells) {
    const int column = !c.return_date ? 0
                       : by_nights    ? *c.return_date - c.departure
                                      : *c.return_date;
    if (std::ranges::find(columns, column) == columns.end()) columns.push_back(column);
  }
  std::ranges::sort(columns);
  auto header = [&](int column) -> std::string {
    if (!r.round_trip()) return "price";
    return by_nights ? fmt::format("{}n", column) : Date(column);
  };
  // Every cell's text, by departure, then column.
  std::map<Days, std::map<int, std::string>> grid;
  std::size_t width = 1;
  for (std::size_t i = 0; i < result.cells.size(); ++i) {
    const CalendarCell& c = result.cells[i];
    const int column = !c.return_date ? 0
                       : by_nights    ? *c.return_date - c.departure
                                      : *c.return_date;
    std::string text = c.cheapest ? Plain(c.cheapest->total) : "-";
    if (result.cheapest_cell == i) text += "*";
    width = std::max(width, text.size());
    grid[c.departure][column] = std::move(text);
  }
  for (const int column : columns) width = std::max(width, header(column).size());

  out += fmt::format("{:<10}", "depart");
  for (const int column : columns) out += fmt::format("  {:>{}}", header(column), width);
  out += "\n";
  for (const auto& [departure, row] : grid) {
    out += Date(departure);
    for (const int column : columns) {
      auto cell = row.find(column);
      // A return range has no cell where the return would come before the departure.
      out += fmt::format("  {:>{}}", cell == row.end() ? "" : cell->second, width);
    }
    out += "\n";
  }
  if (result.bands) {
    out += fmt::format("bands: low <= {}, typical <= {}, high above; * cheapest\n",
                       Plain(result.bands->low_max), Plain(result.bands->typical_max));
  }
  return out;
}

}  // namespace fareflow
