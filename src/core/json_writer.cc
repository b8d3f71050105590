#include "core/json_writer.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace fareflow {

namespace {

// True when any of the eight bytes of `w` is a control character, '"' or '\\' (the bytes JSON
// strings must escape). Bit tricks from "Bit Twiddling Hacks" (haszero / hasless); exact for
// each byte, so no false positives.
inline bool NeedsEscape8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  return (below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void JsonWriter::Grow(std::size_t n) {
  out_.resize(std::max({out_.size() * 2, pos_ + n, std::size_t{256}}));
}

void JsonWriter::AppendEscaped(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Most strings (names, codes, ids) need no escaping: find the first byte that does, eight at a
  // time, and copy everything before it in one append.
  std::size_t i = 0;
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (NeedsEscape8(w)) break;
    i += 8;
  }
  std::size_t run_start = 0;
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    Put(s.substr(run_start, i - run_start));
    run_start = i + 1;
    switch (c) {
      case '"':
        Put("\\\"");
        break;
      case '\\':
        Put("\\\\");
        break;
      case '\n':
        Put("\\n");
        break;
      case '\r':
        Put("\\r");
        break;
      case '\t':
        Put("\\t");
        break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        Put(std::string_view(esc, 6));
      }
    }
  }
  Put(s.substr(run_start));
}

}  // namespace fareflow
