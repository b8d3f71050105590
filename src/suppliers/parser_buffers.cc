#include "suppliers/parser_buffers.h"

#include <cstdint>

#include "core/huge_pages.h"
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
  AdviseHugePages(index.structural_indexes.get(), entries * sizeof(uint32_t));
  return simdjson::SUCCESS;
}

}  // namespace fareflow::suppliers
