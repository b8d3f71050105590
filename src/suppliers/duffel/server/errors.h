#ifndef FAREFLOW_SUPPLIERS_DUFFEL_SERVER_ERRORS_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_SERVER_ERRORS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "net/wire_exchange.h"

namespace fareflow::duffel {

// One failure as Duffel reports it: an HTTP status and the single entry of the `errors` array.
// Built by the functions below, turned into a response by DuffelErrorResponse.
struct DuffelProblem {
  int status = 400;
  std::string type;   // "validation_error", "invalid_request_error", ...
  std::string code;   // "validation_required", "not_found", ...
  std::string title;  // short, for humans
  std::string message;
  // `source.pointer`: the JSON pointer of the offending member of the request body's `data`
  // ("/slices/0/origin"), as Duffel writes it. Empty: no pointer.
  std::string pointer;
  // `source.parameter`: the offending query parameter ("limit"). Empty: none.
  std::string parameter;
};

// Duffel's error envelope, member order as in Duffel's recorded responses:
// `{"meta":{"status":…,"request_id":…},"errors":[{"type":…,"title":…,"message":…,
// "documentation_url":…,"code":…,"source":{"pointer":…,"field":…}}]}`, `source` only when the
// problem names a pointer or a parameter. The response carries `x-request-id: <request_id>`.
net::WireResponse DuffelErrorResponse(const DuffelProblem& problem, std::string_view request_id);

// 422 validation_error `validation_required` ("Field 'slices' can't be blank") at `pointer`.
DuffelProblem DuffelRequired(std::string_view pointer);
// 422 validation_error `invalid_data` at `pointer`; the message is "Field '<field>' " followed by
// `message` ("must not be in the past").
DuffelProblem DuffelInvalidData(std::string_view pointer, std::string_view message);
// 400 invalid_request_error `bad_request` about query parameter `name`, with `message`.
DuffelProblem DuffelBadParameter(std::string_view name, std::string_view message);
// 400 invalid_request_error `bad_request` about the request as a whole (e.g. a body that is not
// JSON).
DuffelProblem DuffelBadRequest(std::string_view message);
// 404 invalid_request_error `not_found`.
DuffelProblem DuffelNotFound();
// 401 authentication_error `missing_authorization_header`.
DuffelProblem DuffelMissingAuthorization();
// 401 authentication_error `invalid_authorization_header` (not "Bearer <token>", or a token the
// emulator does not accept).
DuffelProblem DuffelInvalidAuthorization();
// 400 invalid_request_error `missing_version_header`.
DuffelProblem DuffelMissingVersion();
// 400 invalid_request_error `unsupported_version`; `sent` is the header's value.
DuffelProblem DuffelUnsupportedVersion(std::string_view sent);
// 406 invalid_request_error `unsupported_format`: the Accept header excludes application/json.
DuffelProblem DuffelNotAcceptable();

// A request id in the style of Duffel's `x-request-id` (20 characters, "FsJ5lRhA8bGdqKMAA0eh"),
// drawn deterministically from `seed`.
std::string DuffelRequestId(uint64_t seed);

// A 429 rate_limit_error `rate_limit_exceeded` as Duffel answers it, with the headers Duffel's
// clients read: `ratelimit-limit: <limit>`, `ratelimit-remaining: 0`, `ratelimit-reset: <HTTP
// date retry_after_seconds after now>` (duffel-api-ruby parses it as a date). Also sends
// `retry-after`. `now_unix_seconds` < 0: the system clock. For the fault injection around the
// emulator; thread-safe.
net::WireResponse DuffelRateLimited(int retry_after_seconds, int64_t now_unix_seconds = -1,
                                    int limit = 120);

// A 500 api_error `internal_server_error`, text as in Duffel's recorded response. For the fault
// injection around the emulator; thread-safe.
net::WireResponse DuffelApiError();

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_SERVER_ERRORS_H_
