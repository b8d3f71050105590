#ifndef FAREFLOW_CORE_JSON_VALUES_H_
#define FAREFLOW_CORE_JSON_VALUES_H_

#include <cstdint>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/json_writer.h"

namespace fareflow {

// The value types every fareflow JSON document shares, written the one way all of them use.

// A decimal amount with `minor_digits` decimals, as a JSON string ("355.34", "41200" for JPY):
// amounts are never JSON numbers.
void WriteAmount(JsonWriter& w, int64_t minor, int minor_digits);

// An IATA or ISO code as a JSON string; null when the code is invalid.
void WriteCode(JsonWriter& w, LocationCode code);
void WriteCode(JsonWriter& w, AirlineCode code);
void WriteCode(JsonWriter& w, CurrencyCode code);

// A wall-clock time as "YYYY-MM-DDTHH:MM:SS".
void WriteLocalDateTime(JsonWriter& w, Minutes t);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_JSON_VALUES_H_
