#ifndef FAREFLOW_CALENDAR_CALENDAR_H_
#define FAREFLOW_CALENDAR_CALENDAR_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/result.h"
#include "engine/supplier_outcome.h"
#include "engine/supplier_source.h"
#include "model/cabin.h"
#include "model/search_request.h"
#include "pipeline/fare_summary.h"
#include "refdata/fx_rates.h"

namespace fareflow {

inline constexpr int kMaxCalendarDepartureDays = 62;
inline constexpr int kMaxCalendarNights = 60;      // a trip length, and a return range's span
inline constexpr int kMaxCalendarCells = 62 * 31;  // departure days x trip lengths

// `cached`: never calls a supplier (cells without a fresh cache entry are empty and say so);
// `fill`: calls suppliers for the cells the cache cannot answer, within a call budget.
enum class CalendarMode : uint8_t { kCached, kFill };

// What a price calendar asks (POST /v1/calendars, `fareflow calendar`, the Amadeus facade's
// flight-dates and flight-destinations). Decoded and validated by api/calendar_request_json.
struct CalendarRequest {
  LocationCode origin;       // airport or metro city
  LocationCode destination;  // airport or metro city
  Days departure_from = 0;   // inclusive; at most kMaxCalendarDepartureDays days in all
  Days departure_to = 0;     // inclusive
  // The return, for a round trip: a range of trip lengths in nights, or a range of return dates.
  // Neither = one way.
  std::optional<int> min_nights, max_nights;   // both or neither; 0..kMaxCalendarNights
  std::optional<Days> return_from, return_to;  // both or neither; return >= departure
  Passengers passengers;
  Cabin cabin = Cabin::kEconomy;
  CurrencyCode currency = CurrencyCode::Parse("EUR");
  std::optional<int> max_stops;            // on every slice
  std::optional<int64_t> max_price_minor;  // total, in `currency`
  CalendarMode mode = CalendarMode::kCached;
  // fill: the most supplier calls this calendar may make (the configuration caps it).
  int max_calls = 0;
  std::optional<int> deadline_ms;  // fill: like a search's; the service caps it

  bool round_trip() const { return min_nights.has_value() || return_from.has_value(); }
};

// One supplier's part of a cell.
struct CalendarCellSupplier {
  std::string name;
  SupplierStatus status = SupplierStatus::kOk;  // kNotCached: cached mode, no fresh entry
  CacheUse cache;
  std::optional<FareQuote> cheapest;  // within max_stops and max_price
};

// One departure date (one way), or one departure and return pair.
struct CalendarCell {
  Days departure = 0;
  std::optional<Days> return_date;
  std::optional<FareQuote> cheapest;            // within max_stops and max_price, every supplier
  std::optional<FareQuote> cheapest_nonstop;    // likewise, nonstop on every slice
  std::vector<CalendarCellSupplier> suppliers;  // in configuration order
  // The v1 search for this cell's full results: POST /v1/searches accepts it as is.
  SearchRequest search;

  bool filled() const { return cheapest.has_value(); }
};

// Price bands over the filled cells, for colouring a grid: a cell's cheapest total is low at or
// below low_max, high above typical_max, typical between (terciles).
struct PriceBands {
  Money low_max;
  Money typical_max;
};

struct CalendarResult {
  std::vector<CalendarCell> cells;           // departure ascending, then return ascending
  std::optional<std::size_t> cheapest_cell;  // index into cells
  std::optional<PriceBands> bands;           // none when no cell is filled
  int cells_filled = 0;
  int supplier_calls = 0;  // calls made for this calendar (fill)
  int calls_refused = 0;   // calls the request's budget or a supplier's call budget refused
  int64_t micros = 0;
};

struct CalendarServiceOptions {
  int max_calls_cap = 200;  // the most supplier calls one calendar may make (config)
  std::chrono::milliseconds default_deadline{8'000};
  std::chrono::milliseconds max_deadline{20'000};
};

// Builds price calendars over a SupplierSource: every cell is the source's answer to the cell's
// search, read as FareSummary (pipeline/fare_summary.h) with FetchOptions::summaries_only, so a
// cell answered by the cache costs a lookup. `cached` mode asks with CacheMode::kOnly; `fill`
// first asks every cell that way, then begins the cells left empty, and after them the cells some
// supplier did not answer -- those needing the fewest supplier calls first -- with
// CacheMode::kPrefer, all in flight at once, until the budget is spent. Thread-safe; Run blocks
// its caller.
class CalendarService {
 public:
  CalendarService(SupplierSource& source, const refdata::FxRates& fx,
                  CalendarServiceOptions options);

  // `deadline_cap`: as SearchCall::deadline_cap.
  CalendarResult Run(const CalendarRequest& request,
                     std::chrono::steady_clock::time_point deadline_cap =
                         std::chrono::steady_clock::time_point::max());

  // When the suppliers' time is up for `request` begun at `start`: its deadline_ms or the
  // default, capped by max_deadline and by `cap` (what a route computes from a request's arrival
  // and passes to Run as its cap).
  std::chrono::steady_clock::time_point Deadline(const CalendarRequest& request,
                                                 std::chrono::steady_clock::time_point start,
                                                 std::chrono::steady_clock::time_point cap) const;

  const CalendarServiceOptions& options() const { return options_; }

 private:
  SupplierSource& source_;
  const refdata::FxRates& fx_;
  CalendarServiceOptions options_;
};

}  // namespace fareflow

#endif  // FAREFLOW_CALENDAR_CALENDAR_H_
