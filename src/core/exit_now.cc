#include "core/exit_now.h"

#include <cstdlib>

#ifdef FAREFLOW_PGO_GENERATE
extern "C" void __gcov_dump(void);  // libgcov, linked by -fprofile-generate
#endif

namespace fareflow {

void ExitNow(int status) {
#ifdef FAREFLOW_PGO_GENERATE
  __gcov_dump();
#endif
  std::_Exit(status);
}

}  // namespace fareflow
