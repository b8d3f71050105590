#ifndef FAREFLOW_SUPPLIERS_DUFFEL_ERROR_ENVELOPE_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_ERROR_ENVELOPE_H_

#include <optional>
#include <string_view>

#include <simdjson.h>

#include "core/result.h"

namespace fareflow::duffel {

// The fareflow error code for a Duffel error `type` (and, for "not found", its `code`):
//   validation_error, invalid_request_error, invalid_state_error -> kInvalidArgument
//     (but code "not_found" -> kNotFound);
//   authentication_error, permission_error                       -> kUnsupported
//     (the configured credentials cannot do this; retrying will not help);
//   airline_error, api_error, rate_limit_error and anything else -> kIo
//     (a failure upstream, possibly transient).
ErrorCode ErrorCodeForDuffelType(std::string_view type, std::string_view code);

// Reads the `errors` array of a Duffel error envelope
// (`{"errors":[{"type":…,"title":…,"message":…,"code":…,"source":{"pointer":…},…}],"meta":{…}}`)
// and describes its first entry in `out`: message "duffel <type> <code>: <message> (<title>)",
// field = `source.pointer` when given. The rest of the array is skipped. Everything is copied,
// so `out` does not depend on the payload. `errors` that is null or an empty array leaves `out`
// empty (no error reported); an entry of unexpected shape still yields an Error. Returns a
// simdjson error when the JSON itself is broken (then `out` is unspecified).
simdjson::error_code ReadErrorEnvelope(simdjson::ondemand::value errors, std::optional<Error>& out);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_ERROR_ENVELOPE_H_
