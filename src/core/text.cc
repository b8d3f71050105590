#include "core/text.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fareflow {

std::size_t FindText(std::string_view text, std::string_view needle, std::size_t from) {
  const std::size_t n = needle.size();
  if (n == 0 || from > text.size() || text.size() - from < n) return text.find(needle, from);
  std::size_t at = from;
#if defined(__SSE2__)
  // The last position a match can begin at; a block tests the 16 positions from `at`, and its two
  // loads end at `at` + 15 and `at` + n + 14, both inside `text` while `at` + 15 <= last.
  const std::size_t last = text.size() - n;
  const __m128i first_byte = _mm_set1_epi8(needle.front());
  const __m128i last_byte = _mm_set1_epi8(needle.back());
  for (; at <= last && last - at >= 15; at += 16) {
    const char* p = text.data() + at;
    const __m128i starts = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i ends = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 1));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_and_si128(_mm_cmpeq_epi8(starts, first_byte), _mm_cmpeq_epi8(ends, last_byte))));
    for (; mask != 0; mask &= mask - 1) {
      const std::size_t i = static_cast<std::size_t>(std::countr_zero(mask));
      if (std::memcmp(p + i, needle.data(), n) == 0) return at + i;
    }
  }
#endif
  return text.find(needle, at);
}

}  // namespace fareflow
