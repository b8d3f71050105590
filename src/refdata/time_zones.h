#ifndef FAREFLOW_REFDATA_TIME_ZONES_H_
#define FAREFLOW_REFDATA_TIME_ZONES_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/datetime.h"

namespace fareflow::refdata {

// IANA time zones used by the reference airports, with their UTC offset transitions over the
// years fareflow searches (compiled from the system tz database when the data is generated; see
// tools/refdata). Zone indices are stable within one build only.

// The IANA name of zone `zone` ("Europe/London"); empty for an unknown index.
std::string_view TimeZoneName(uint16_t zone);

// The zone index for an IANA name; nullopt when the name is not in the table.
std::optional<uint16_t> FindTimeZone(std::string_view iana_name);

// UTC offset in minutes (east positive) in force at instant `utc`.
int UtcOffsetAtUtc(uint16_t zone, Minutes utc);

// Converts a wall-clock time in `zone` to UTC. In a DST gap (a wall time that does not exist) the
// offset before the transition is used; in an overlap (a wall time that happens twice) the first
// occurrence is returned.
Minutes LocalToUtc(uint16_t zone, Minutes local);

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_TIME_ZONES_H_
