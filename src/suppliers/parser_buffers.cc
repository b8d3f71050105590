#include "suppliers/parser_buffers.h"

#include <sys/mman.h>

#include <cstdint>

#include "core/arena.h"
#include "suppliers/token_skip.h"

namespace fareflow::suppliers {

simdjson::error_code ReserveParser(simdjson::ondemand::parser& parser, std::size_t bytes) {
  if (parser.capacity() >= bytes) return simdjson::SUCCESS;
  if (simdjson::error_code e = parser.allocate(bytes, parser.max_depth())) return e;
  using namespace token_access;
  const simdjson::internal::dom_parser_implementation& index = *(parser.*Get(ParserImpl{}));
  // The index's length as simdjson 3.0 sizes it (dom_parser_implementation::set_capacity): a
  // token at most per byte, rounded up to a block of 64, and room for its end markers.
  const std::size_t entries = (parser.capacity() + 63) / 64 * 64 + 2 + 7;
  const auto begin = reinterpret_cast<std::uintptr_t>(index.structural_indexes.get());
  const std::uintptr_t end = begin + entries * sizeof(uint32_t);
  // Only the whole huge pages inside the index: advising more would reach other allocations.
  constexpr std::uintptr_t kHuge = Arena::kHugePageBytes;
  const std::uintptr_t first = (begin + kHuge - 1) / kHuge * kHuge;
  const std::uintptr_t last = end / kHuge * kHuge;
  if (last > first) {
    madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // advice: may fail
  }
  return simdjson::SUCCESS;
}

}  // namespace fareflow::suppliers
