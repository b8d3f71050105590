#ifndef FAREFLOW_REFDATA_CURRENCIES_H_
#define FAREFLOW_REFDATA_CURRENCIES_H_

#include <span>
#include <string_view>

#include "core/codes.h"

namespace fareflow::refdata {

// An ISO 4217 currency with its number of minor-unit digits (EUR 2, JPY 0, KWD 3).
struct Currency {
  CurrencyCode code;
  std::string_view name;
  int minor_digits = 2;
};

// nullptr when the code is not an ISO 4217 currency in the table.
const Currency* FindCurrency(CurrencyCode code);
std::span<const Currency> AllCurrencies();

// Minor digits of `code`, or 2 when the currency is unknown (the common case, and what suppliers
// that send unknown codes use in practice).
int MinorDigits(CurrencyCode code);

}  // namespace fareflow::refdata

#endif  // FAREFLOW_REFDATA_CURRENCIES_H_
