#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

#include "core/arena.h"

namespace fareflow {

void AdviseHugePages(void* p, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = Arena::kHugePageBytes;
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (begin + kHuge - 1) / kHuge * kHuge;
  const std::uintptr_t last = (begin + bytes) / kHuge * kHuge;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace fareflow
