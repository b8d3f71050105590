#ifndef FAREFLOW_API_SEARCH_REQUEST_VALIDATION_H_
#define FAREFLOW_API_SEARCH_REQUEST_VALIDATION_H_

#include <cstddef>
#include <string>

#include "core/datetime.h"
#include "core/result.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"

namespace fareflow {

// Limits every decoder of a search request applies (JSON body, refine query, CLI flags).
inline constexpr int kMaxLimit = 100000;               // offers per page; 0 is the whole result set
inline constexpr std::size_t kMaxListItems = 64;       // airlines, alliances, airports, child ages
inline constexpr int kMaxFilterMinutes = 7 * 24 * 60;  // durations and layovers
inline constexpr int kMaxFutureDays = 361;             // the latest departure, after today

struct ValidationOptions {
  // Reject departure dates before `today` or more than 361 days after it. Off for recorded
  // payloads, which may be of any date.
  bool check_dates = true;
  Days today = 0;
  // The rates prices will be converted with, which must have the request's currency. Must
  // outlive the call.
  const refdata::FxRates* fx = &refdata::FxRates::Builtin();
};

// Checks a request however it was built (JSON, CLI flags, a refine, a supplier's query): slice
// count, IATA code format, known places, dates, passenger counts and mix, currency, limit.
// Fields are named as JSON pointers of the v1 request ("/slices/0/origin"), which the other
// decoders map to their own names.
Result<void> ValidateSearchRequest(const SearchRequest& request, const ValidationOptions& options);

// The parts of those checks other requests share (a price calendar's), naming fields below the
// pointers given: `place` is a known airport or metro city code (at `pointer`); the passengers
// (below `pointer`, "/passengers") are 1 to 9 with an adult per infant and children 2 to 17; the
// currency (at `pointer`) is known and has an exchange rate in `fx`.
Result<void> ValidatePlace(LocationCode place, const std::string& pointer);
Result<void> ValidatePassengers(const Passengers& passengers, const std::string& pointer);
Result<void> ValidateCurrency(CurrencyCode currency, const std::string& pointer,
                              const refdata::FxRates& fx = refdata::FxRates::Builtin());

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_REQUEST_VALIDATION_H_
