#ifndef FAREFLOW_TESTS_SUPPORT_RECORDED_ROUND_TRIP_H_
#define FAREFLOW_TESTS_SUPPORT_RECORDED_ROUND_TRIP_H_

// The recorded supplier answers of the golden case tests/golden/round_trip_two_suppliers (one
// Amadeus, one Duffel payload, LON-NYC round trip), for tests of recorded searches.

#include <filesystem>

#include "core/datetime.h"
#include "model/search_request.h"

namespace fareflow::testing_support {

inline std::filesystem::path RoundTripDir() {
  return std::filesystem::path(FAREFLOW_SOURCE_DIR) / "tests/golden/round_trip_two_suppliers";
}

// The request the payloads answer: 2026-12-20 out, 2026-12-27 back, two adults, a page of 5.
inline SearchRequest RoundTripRequest() {
  SearchRequest r;
  r.slices.push_back(
      {LocationCode::Parse("LON"), LocationCode::Parse("NYC"), DaysFromCivil(2026, 12, 20)});
  r.slices.push_back(
      {LocationCode::Parse("NYC"), LocationCode::Parse("LON"), DaysFromCivil(2026, 12, 27)});
  r.passengers.adults = 2;
  r.limit = 5;
  return r;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_RECORDED_ROUND_TRIP_H_
