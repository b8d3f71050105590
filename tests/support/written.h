#ifndef FAREFLOW_TESTS_SUPPORT_WRITTEN_H_
#define FAREFLOW_TESTS_SUPPORT_WRITTEN_H_

// The JSON text a writer function produces, for tests of the suppliers' writers.

#include <string>

#include "core/json_writer.h"

namespace fareflow::testing_support {

// What `write` (called with a fresh JsonWriter) writes.
template <typename Write>
std::string Written(Write write) {
  std::string out;
  {
    JsonWriter w(out);
    write(w);
  }
  return out;
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_WRITTEN_H_
