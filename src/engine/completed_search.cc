#include "engine/completed_search.h"

#include "core/secure_random.h"

namespace fareflow {

std::string NewSearchId() {
  // A search id is all it takes to read a stored search, so it comes from the kernel's CSPRNG:
  // a seeded Mersenne Twister gives its whole state away in 312 outputs, and every id predicted
  // after that reads another client's search.
  return SecureRandomHex("srch_", kSearchIdBytes);
}

}  // namespace fareflow
