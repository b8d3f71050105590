#ifndef FAREFLOW_REFDATA_CODE_INDEX_H_
#define FAREFLOW_REFDATA_CODE_INDEX_H_

#include <array>
#include <cstddef>
#include <cstdint>

// Internal to src/refdata: compile-time lookup tables from a packed code (LocationCode::index(),
// AirlineCode::index(), CurrencyCode::index()) to a row of a generated constexpr table.

namespace fareflow::refdata::internal {

inline constexpr uint16_t kNoRow = 0xFFFF;

// Deliberately not constexpr and never defined: BuildCodeIndex calls it on a duplicate code, which
// turns the duplicate into a compile error that names this function. BuildCodeIndex is consteval,
// so no call ever reaches the linker.
void DuplicateCodeInGeneratedTable();

// Maps every possible code to the row that holds it, or kNoRow. `key(row)` must return an index
// below kSpace (an out-of-range key fails compilation, as any out-of-bounds access in a constant
// expression does). Evaluated by the compiler, so lookups cost one array load at run time.
template <std::size_t kSpace, typename Row, std::size_t N, typename Key>
consteval std::array<uint16_t, kSpace> BuildCodeIndex(const Row (&rows)[N], Key key) {
  static_assert(N < kNoRow, "row numbers must fit below kNoRow");
  std::array<uint16_t, kSpace> index{};
  index.fill(kNoRow);
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t k = key(rows[i]);
    if (index[k] != kNoRow) DuplicateCodeInGeneratedTable();
    index[k] = static_cast<uint16_t>(i);
  }
  return index;
}

// The row for `code_index` in `rows`, or nullptr when the index is out of range or unused.
template <typename Row, std::size_t N, std::size_t kSpace>
const Row* LookUp(const Row (&rows)[N], const std::array<uint16_t, kSpace>& index,
                  std::size_t code_index) {
  if (code_index >= kSpace) return nullptr;
  const uint16_t row = index[code_index];
  return row == kNoRow ? nullptr : &rows[row];
}

}  // namespace fareflow::refdata::internal

#endif  // FAREFLOW_REFDATA_CODE_INDEX_H_
