#ifndef FAREFLOW_API_SEARCH_REQUEST_JSON_H_
#define FAREFLOW_API_SEARCH_REQUEST_JSON_H_

#include <string_view>

#include "api/search_request_validation.h"
#include "core/result.h"
#include "model/search_request.h"

namespace fareflow {

// Decodes a fareflow v1 search request (schema in docs/api.md) and validates it. Errors are
// kInvalidArgument with `field` set to the JSON pointer of the offending value
// ("/slices/0/origin"), so a client can show exactly what to fix. Unknown fields are rejected too,
// since a misspelt filter silently ignored would return wrong results.
Result<SearchRequest> DecodeSearchRequest(std::string_view json, const ValidationOptions& options);

}  // namespace fareflow

#endif  // FAREFLOW_API_SEARCH_REQUEST_JSON_H_
