#ifndef FAREFLOW_CORE_MONEY_H_
#define FAREFLOW_CORE_MONEY_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/codes.h"

namespace fareflow {

// An amount of money as an integer count of the currency's minor units (cents for EUR, yen for
// JPY, fils for KWD). Binary floating point never touches money in fareflow.
struct Money {
  int64_t minor = 0;
  CurrencyCode currency;

  friend bool operator==(const Money&, const Money&) = default;
};

// The most decimals an amount may have: ISO 4217's currencies have at most 4.
inline constexpr int kMaxMinorDigits = 6;

// Parses a decimal amount as suppliers send it ("1234.5", "45.00", "0.000") into minor units of a
// currency with `minor_digits` decimals (2 for EUR, 0 for JPY, 3 for KWD). Extra decimals are
// rounded half away from zero. Returns nullopt for anything that is not a plain decimal number
// (signs other than a leading '-', exponents, empty strings, more than 15 integer digits).
std::optional<int64_t> ParseDecimalMinor(std::string_view text, int minor_digits);

// Writes `minor` with `minor_digits` decimals ("1234.50") into `out`, which must hold at least
// 24 chars; `minor_digits` is taken into [0, kMaxMinorDigits]. Returns the number of chars
// written.
int FormatDecimalMinor(int64_t minor, int minor_digits, char* out);

// Divides with rounding half away from zero; `divisor` must be positive.
int64_t DivideRounded(int64_t value, int64_t divisor);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_MONEY_H_
