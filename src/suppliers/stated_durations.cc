#include "suppliers/stated_durations.h"

#include "refdata/airports.h"
#include "refdata/time_zones.h"

namespace fareflow::suppliers {
namespace {

// The UTC instant of a wall-clock time at `airport`, or the wall-clock time itself when the
// airport is unknown.
Minutes ToUtc(LocationCode airport, Minutes local) {
  const refdata::Airport* a = refdata::FindAirport(airport);
  return a == nullptr ? local : refdata::LocalToUtc(a->time_zone, local);
}

}  // namespace

int32_t StatedSegmentMinutes(const Segment& s) {
  if (s.supplier_duration_minutes >= 0) return s.supplier_duration_minutes;
  if (s.duration_minutes > 0) return s.duration_minutes;
  return static_cast<int32_t>(ToUtc(s.destination, s.arrival_local) -
                              ToUtc(s.origin, s.departure_local));
}

int32_t StatedSliceMinutes(const Slice& s) {
  if (s.supplier_duration_minutes >= 0) return s.supplier_duration_minutes;
  if (s.duration_minutes > 0) return s.duration_minutes;
  if (s.segments.empty()) return 0;
  const Segment& first = s.segments.front();
  const Segment& last = s.segments.back();
  return static_cast<int32_t>(ToUtc(last.destination, last.arrival_local) -
                              ToUtc(first.origin, first.departure_local));
}

}  // namespace fareflow::suppliers
