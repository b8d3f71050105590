#ifndef FAREFLOW_TESTS_SUPPORT_VM_FLAGS_H_
#define FAREFLOW_TESTS_SUPPORT_VM_FLAGS_H_

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace fareflow::testing_support {

// The unit the tests of mappings size their buffers in (huge pages are 2 MiB).
inline constexpr std::size_t kMiB = std::size_t{1} << 20;

// The VmFlags line of the mapping of this process that holds `p` (/proc/self/smaps), or "" if
// none. " hg" in it: the mapping is advised MADV_HUGEPAGE.
inline std::string VmFlagsOf(const void* p) {
  const auto address = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> begin >> dash >> end && dash == '-') {
      inside = begin <= address && address < end;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_VM_FLAGS_H_
