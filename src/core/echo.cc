#include "core/echo.h"

#include <cstdint>

namespace fareflow {
namespace {

// The length of the well-formed UTF-8 character at the start of `s` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 when `s` does not start with one.
std::size_t CharacterLength(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<uint8_t>(s[i]); };
  auto continuation = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
  const uint8_t lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (!continuation(1) || !continuation(2)) return 0;
    if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
    if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
    if (lead == 0xF0 && byte(1) < 0x90) return 0;  // overlong
    if (lead == 0xF4 && byte(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

std::string EchoPrefix(std::string_view text, std::size_t max_bytes) {
  std::size_t kept = 0;
  while (kept < text.size()) {
    const std::size_t length = CharacterLength(text.substr(kept));
    if (length == 0 || kept + length > max_bytes) break;
    kept += length;
  }
  std::string out(text.substr(0, kept));
  if (kept < text.size()) out += "\u2026";
  return out;
}

}  // namespace fareflow
