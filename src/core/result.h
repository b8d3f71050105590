#ifndef FAREFLOW_CORE_RESULT_H_
#define FAREFLOW_CORE_RESULT_H_

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace fareflow {

// What kind of failure an Error reports. Callers map codes to HTTP statuses, CLI exit codes and
// per-supplier statuses; the message is for humans.
enum class ErrorCode {
  kInvalidArgument,  // a request field is missing, malformed or out of range
  kNotFound,         // an unknown code, route, id or file
  kMalformed,        // bytes that do not follow the expected format
  kIo,               // a read or write failed
  kUnsupported,      // valid input asking for something this build cannot do
  kTimeout,          // a deadline passed before the work finished
  kUnavailable,      // a peer or resource cannot serve now (refused, overloaded, circuit open)
  kTls,              // TLS refused the peer: its certificate, protocol version, an alert
  kInternal,         // a broken invariant; never caused by user or supplier input
};

// An expected failure. `field` names the offending input as a JSON pointer ("/slices/0/origin")
// or a CLI flag ("--depart") when there is one, so errors can say exactly what to fix.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string field;
};

// Result<T> carries either a T or the Error explaining why there is none. Expected failures are
// values: functions return Result instead of throwing.
template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> MakeError(ErrorCode code, std::string message,
                                       std::string field = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(field)});
}

// Stores the value of `r` in `out` (a T, or what a T assigns to, such as std::optional<T>), or
// passes its error on: for decoders that read field after field into a struct.
template <typename T, typename Out>
Result<void> Assign(Result<T> r, Out& out) {
  if (!r) return tl::unexpected(r.error());
  out = std::move(*r);
  return {};
}

// A short stable name for an error code, used in JSON error bodies ("invalid_argument").
std::string_view ErrorCodeName(ErrorCode code);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_RESULT_H_
