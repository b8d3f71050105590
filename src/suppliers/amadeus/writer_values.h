#ifndef FAREFLOW_SUPPLIERS_AMADEUS_WRITER_VALUES_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_WRITER_VALUES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_writer.h"
#include "model/cabin.h"

namespace fareflow::amadeus {

// The values Amadeus writes the same way everywhere in its Flight Offers answers (durations, ids,
// upper-case names, travel classes), for the response writer's files.

// An ISO 8601 duration, "PT2H26M"; negative minutes are written as zero.
void Duration(JsonWriter& w, int32_t minutes);

// An id or a number Amadeus writes as a string: "12".
void Index(JsonWriter& w, std::size_t i);

// Writes `s` in ASCII upper case, as Amadeus writes dictionary names and brand labels. `scratch`
// is reused between calls to spare an allocation per name.
void Upper(JsonWriter& w, std::string_view s, std::string& scratch);

// The TravelClass a fare is written with: economy when the cabin is unknown, since the field is
// required.
std::string_view CabinCode(Cabin c);

}  // namespace fareflow::amadeus

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_WRITER_VALUES_H_
