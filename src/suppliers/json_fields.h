#ifndef FAREFLOW_SUPPLIERS_JSON_FIELDS_H_
#define FAREFLOW_SUPPLIERS_JSON_FIELDS_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/arena.h"

namespace fareflow::suppliers {

// Small helpers shared by the supplier parsers for reading On-Demand values without copies.
// The common cases (an unescaped string, an integer) are inline: they run for nearly every value
// of every offer. Everything else goes through the out-of-line readers.

// True when `key` (an object key as On-Demand returns it: the raw text after the opening quote)
// is exactly `literal`. Like raw_json_string's operator==, an escaped key never matches. The
// length check comes first (the closing quote must sit right after the literal's length), and the
// comparison has a constant size, so it compiles to a few loads and compares. Reading up to the
// literal's length is safe: the payload is padded.
template <std::size_t N>
inline bool KeyIs(simdjson::ondemand::raw_json_string key, const char (&literal)[N]) noexcept {
  constexpr std::size_t kLength = N - 1;
  const char* raw = key.raw();
  return raw[kLength] == '"' && std::memcmp(raw, literal, kLength) == 0;
}

// JSON's four white-space characters (RFC 8259, section 2).
inline bool IsJsonSpace(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A number token as On-Demand returns it (raw_json_token) without the white space that may follow
// it: the number's text as the supplier wrote it. A view into the payload bytes.
inline std::string_view NumberText(std::string_view raw) noexcept {
  while (!raw.empty() && IsJsonSpace(raw.back())) raw.remove_suffix(1);
  return raw;
}

// The length of a JSON string's text that holds no escape sequence: `begin` is the first byte
// after the opening quote and the closing quote lies before `limit` bytes. nullopt when a
// backslash comes first, or no quote before `limit`. The scan may read past `limit` into the
// payload's padding (SIMDJSON_PADDING bytes, which On-Demand requires), never past the padding.
inline std::optional<std::size_t> PlainStringLength(const char* begin, std::size_t limit) noexcept {
#if defined(__SSE2__)
  // 16 bytes at a time, no branch per character: the first quote or backslash ends the scan.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (std::size_t offset = 0; offset < limit; offset += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + offset));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash))));
    if (mask != 0) {
      const std::size_t at = offset + static_cast<std::size_t>(std::countr_zero(mask));
      if (at < limit && begin[at] == '"') [[likely]]
        return at;
      return std::nullopt;
    }
  }
#else
  for (std::size_t at = 0; at < limit; ++at) {
    if (begin[at] == '"') return at;
    if (begin[at] == '\\') return std::nullopt;
  }
#endif
  return std::nullopt;
}

// The out-of-line part of ReadString: null, other types and strings with escape sequences.
simdjson::error_code ReadStringSlow(simdjson::ondemand::value value, Arena& arena,
                                    std::string_view& out) noexcept;

// Reads a JSON string. When it holds no escape sequence (codes, ids, amounts, dates: nearly every
// string a supplier sends) the result is a view into the payload bytes themselves, so it lives as
// long as the payload buffer. Otherwise the unescaped text is copied into `arena` and lives as
// long as the arena. Either way the view must not outlive the request. A JSON null yields an
// empty view and SUCCESS; any other type yields INCORRECT_TYPE.
inline simdjson::error_code ReadString(simdjson::ondemand::value value, Arena& arena,
                                       std::string_view& out) noexcept {
  // The token as it stands in the payload: the opening quote, the text, the closing quote and
  // possibly trailing white space. Peeking at it does not consume the value; the enclosing
  // object or array steps over it.
  const std::string_view raw = value.raw_json_token();
  if (raw.size() >= 2 && raw[0] == '"') [[likely]] {
    // The closing quote is before offset raw.size() - 1 of the text.
    if (const std::optional<std::size_t> n = PlainStringLength(raw.data() + 1, raw.size() - 1)) {
      out = std::string_view(raw.data() + 1, *n);
      return simdjson::SUCCESS;
    }
  }
  return ReadStringSlow(value, arena, out);
}

// Like ReadString, for values that are never escaped in practice (codes, dates, amounts): an
// escaped one is still read correctly, through `arena`.
inline simdjson::error_code ReadCode(simdjson::ondemand::value value, Arena& arena,
                                     std::string_view& out) noexcept {
  return ReadString(value, arena, out);
}

// The out-of-line part of ReadLooseInt: null, strings, fractions and errors.
simdjson::error_code ReadLooseIntSlow(simdjson::ondemand::value value,
                                      std::optional<int64_t>& out) noexcept;

// Reads an integer that suppliers send either as a JSON number or as a numeric string ("424").
// A JSON null yields nullopt and SUCCESS.
inline simdjson::error_code ReadLooseInt(simdjson::ondemand::value value,
                                         std::optional<int64_t>& out) noexcept {
  const std::string_view raw = value.raw_json_token();
  if (!raw.empty() && ((raw[0] >= '0' && raw[0] <= '9') || raw[0] == '-')) [[likely]] {
    int64_t i;
    if (value.get_int64().get(i) == simdjson::SUCCESS) [[likely]] {
      out = i;
      return simdjson::SUCCESS;
    }
  }
  return ReadLooseIntSlow(value, out);
}

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_JSON_FIELDS_H_
