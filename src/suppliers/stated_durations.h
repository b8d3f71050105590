#ifndef FAREFLOW_SUPPLIERS_STATED_DURATIONS_H_
#define FAREFLOW_SUPPLIERS_STATED_DURATIONS_H_

#include <cstdint>

#include "model/offer.h"

namespace fareflow::suppliers {

// The durations a supplier states in its answers (Amadeus `duration`, Duffel `duration`), for
// the response writers: the duration the offer already carries when there is one, else the
// elapsed time through each airport's time zone (wall-clock difference for unknown airports).
int32_t StatedSegmentMinutes(const Segment& s);
int32_t StatedSliceMinutes(const Slice& s);

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_STATED_DURATIONS_H_
