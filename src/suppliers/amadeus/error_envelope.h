#ifndef FAREFLOW_SUPPLIERS_AMADEUS_ERROR_ENVELOPE_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_ERROR_ENVELOPE_H_

#include <simdjson.h>

#include "core/result.h"

namespace fareflow::amadeus::internal {

// Reads the value of an Amadeus error envelope's `errors` member (`[{"status":400,"code":477,
// "title":…,"detail":…,"source":{"parameter":…}}, …]`) and turns its first issue into an Error:
// kInvalidArgument for a 4xx status, kUnsupported otherwise, kMalformed when `errors` is not an
// array. Never returns success.
Result<void> ParseErrors(simdjson::ondemand::value v);

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_ERROR_ENVELOPE_H_
