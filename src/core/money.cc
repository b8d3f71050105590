#include "core/money.h"

#include <algorithm>
#include <cstdlib>

namespace fareflow {
namespace {

constexpr int64_t kPow10[] = {1,
                              10,
                              100,
                              1000,
                              10000,
                              100000,
                              1000000,
                              10000000,
                              100000000,
                              1000000000,
                              10000000000,
                              100000000000,
                              1000000000000,
                              10000000000000,
                              100000000000000,
                              1000000000000000};

}  // namespace

std::optional<int64_t> ParseDecimalMinor(std::string_view text, int minor_digits) {
  if (minor_digits < 0 || minor_digits > kMaxMinorDigits) return std::nullopt;
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  int64_t integer = 0;
  int integer_digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (++integer_digits > 15) return std::nullopt;
    integer = integer * 10 + (text[i] - '0');
  }
  int64_t fraction = 0;
  int fraction_digits = 0;  // digits kept, at most minor_digits
  int seen_fraction_digits = 0;
  bool round_up = false;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (seen_fraction_digits < minor_digits) {
        fraction = fraction * 10 + (text[i] - '0');
        ++fraction_digits;
      } else if (seen_fraction_digits == minor_digits) {
        round_up = text[i] >= '5';  // the first dropped digit decides: half away from zero
      }
      ++seen_fraction_digits;
    }
  }
  if (i != text.size() || integer_digits + seen_fraction_digits == 0) return std::nullopt;
  int64_t minor =
      integer * kPow10[minor_digits] + fraction * kPow10[minor_digits - fraction_digits];
  if (round_up) ++minor;
  return negative ? -minor : minor;
}

int FormatDecimalMinor(int64_t minor, int minor_digits, char* out) {
  minor_digits = std::clamp(minor_digits, 0, kMaxMinorDigits);  // at most 21 chars written
  char* p = out;
  uint64_t magnitude;
  if (minor < 0) {
    *p++ = '-';
    magnitude = static_cast<uint64_t>(-(minor + 1)) + 1;
  } else {
    magnitude = static_cast<uint64_t>(minor);
  }
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  while (n <= minor_digits) digits[n++] = '0';  // at least one integer digit
  for (int k = n - 1; k >= 0; --k) {
    *p++ = digits[k];
    if (k == minor_digits && minor_digits > 0) *p++ = '.';
  }
  return static_cast<int>(p - out);
}

int64_t DivideRounded(int64_t value, int64_t divisor) {
  int64_t q = value / divisor;
  int64_t r = value % divisor;
  if (2 * std::llabs(r) >= divisor) q += value < 0 ? -1 : 1;
  return q;
}

}  // namespace fareflow
