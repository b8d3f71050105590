#include "core/base64.h"

#include <algorithm>
#include <cstdint>

namespace fareflow {
namespace {

constexpr char kStandard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kUrl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// The value of `c` in the alphabet whose last two characters are `c62` and `c63`; -1 outside it.
int Sextet(char c, char c62, char c63) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == c62) return 62;
  if (c == c63) return 63;
  return -1;
}

std::string Encode(std::string_view bytes, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    uint32_t v = uint32_t{static_cast<uint8_t>(bytes[i])} << 16;
    if (n > 1) v |= uint32_t{static_cast<uint8_t>(bytes[i + 1])} << 8;
    if (n > 2) v |= static_cast<uint8_t>(bytes[i + 2]);
    out.push_back(alphabet[(v >> 18) & 63]);
    out.push_back(alphabet[(v >> 12) & 63]);
    if (n > 1) {
      out.push_back(alphabet[(v >> 6) & 63]);
    } else if (pad) {
      out.push_back('=');
    }
    if (n > 2) {
      out.push_back(alphabet[v & 63]);
    } else if (pad) {
      out.push_back('=');
    }
  }
  return out;
}

Result<std::string> Decode(std::string_view text, char c62, char c63) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return MakeError(ErrorCode::kMalformed, "base64 of a bad length");
  std::string out;
  out.reserve(text.size() / 4 * 3 + 2);
  uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const int v = Sextet(c, c62, c63);
    if (v < 0) return MakeError(ErrorCode::kMalformed, "a character outside base64");
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return out;
}

}  // namespace

std::string EncodeBase64(std::string_view bytes) { return Encode(bytes, kStandard, true); }

Result<std::string> DecodeBase64(std::string_view text) { return Decode(text, '+', '/'); }

std::string EncodeBase64Url(std::string_view bytes) { return Encode(bytes, kUrl, false); }

Result<std::string> DecodeBase64Url(std::string_view text) { return Decode(text, '-', '_'); }

}  // namespace fareflow
