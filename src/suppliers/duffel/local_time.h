#ifndef FAREFLOW_SUPPLIERS_DUFFEL_LOCAL_TIME_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_LOCAL_TIME_H_

#include <optional>
#include <string_view>

#include "core/datetime.h"

namespace fareflow::duffel {

// Parses a Duffel `departing_at` / `arriving_at`: a wall-clock time at the airport,
// "2020-06-13T16:38:02", optionally with fractional seconds ("...02.000"). Duffel documents
// these as local times, yet a zone designator has been seen on rare responses; a trailing "Z" or
// UTC offset ("+01:00", "-0500", "+01") is therefore stripped and ignored rather than rejected.
// Returns nullopt for anything ParseLocalDateTime (core/datetime.h) rejects after that.
std::optional<Minutes> ParseLocalTime(std::string_view text);

}  // namespace fareflow::duffel

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_LOCAL_TIME_H_
