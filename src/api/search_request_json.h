#ifndef FAREFLOW_API_SEARCH_REQUEST_JSON_H_
#define FAREFLOW_API_SEARCH_REQUEST_JSON_H_

#include <string_view>

#include "core/datetime.h"
#include "core/result.h"
#include "model/search_request.h"

namespace fareflow {

struct ValidationOptions {
  // Reject departure dates before `today` or more than 361 days after it. Off for recorded
  // payloads, which may be of any date.
  bool check_dates = true;
  Days today = 0;
};

// Decodes a fareflow v1 search request (schema in docs/api.md) and validates it. Errors are
// kInvalidArgument with `field` set to the JSON pointer of the offending value
// ("/slices/0/origin"), so a client can show exactly what to fix. Unknown fields are rejected too,
// since a misspelt filter silently ignored would return wrong results.
Result<SearchRequest> DecodeSearchRequest(std::string_view json, const ValidationOptions& options);

// Checks a request however it was built (JSON, CLI flags): slice count, IATA code format, known
// places, dates, passenger counts and mix, limit. Fields are named as JSON pointers.
Result<void> ValidateSearchRequest(const SearchRequest& request, const ValidationOptions& options);

// Parses "HH:MM-HH:MM" into a TimeWindow; a window may wrap past midnight ("22:00-06:00").
Result<TimeWindow> ParseTimeWindow(std::string_view text);

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_REQUEST_JSON_H_
