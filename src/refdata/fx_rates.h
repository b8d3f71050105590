#ifndef FAREFLOW_REFDATA_FX_RATES_H_
#define FAREFLOW_REFDATA_FX_RATES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "core/money.h"
#include "core/result.h"

namespace fareflow::refdata {

// Foreign-exchange rates against EUR, as integers scaled by 10^8 (units of the currency per
// 1 EUR), so conversion never uses binary floating point. The built-in snapshot is dated; a file
// can replace it at run time (LoadFxRatesFile).
class FxRates {
 public:
  static constexpr int64_t kScale = 100'000'000;

  // The snapshot compiled into the binary.
  static const FxRates& Builtin();

  FxRates() = default;
  FxRates(std::string as_of, std::vector<std::pair<CurrencyCode, int64_t>> per_eur);

  // The date the rates were taken, "YYYY-MM-DD".
  const std::string& as_of() const { return as_of_; }

  // Units of `code` per 1 EUR, scaled by kScale; nullopt for a currency without a rate.
  std::optional<int64_t> PerEur(CurrencyCode code) const;

  // Converts `amount` into `to`: minor units are scaled by both currencies' minor digits and the
  // result is rounded half away from zero. Same currency converts exactly. nullopt when either
  // currency has no rate.
  std::optional<Money> Convert(Money amount, CurrencyCode to) const;

 private:
  std::string as_of_;
  std::vector<int64_t> per_eur_;  // indexed by CurrencyCode::index(); 0 = no rate
};

// Reads a rates file: first line "as_of YYYY-MM-DD", then one "CODE RATE" per line (RATE = units
// per 1 EUR, a decimal such as 1.0823); '#' starts a comment. EUR is always 1. Errors name the
// line.
Result<FxRates> LoadFxRatesFile(const std::string& path);
Result<FxRates> ParseFxRates(std::string_view text);

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_FX_RATES_H_
