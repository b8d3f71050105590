#include "refdata/currencies.h"

#include <algorithm>

#include "refdata/code_index.h"

namespace fareflow::refdata {
namespace {

// Row builder for the generated table, named with one letter to keep data/currencies.inc short.
constexpr Currency R(std::string_view code, std::string_view name, int minor_digits) {
  return Currency{CurrencyCode::Parse(code), name, minor_digits};
}

constexpr Currency kCurrencies[] = {
#include "currencies.inc"
};

static_assert(std::ranges::all_of(kCurrencies, [](const Currency& c) { return c.code.valid(); }));

constexpr auto kCurrencyIndex = internal::BuildCodeIndex<LocationCode::kSpace>(
    kCurrencies, [](const Currency& c) { return c.code.index(); });

}  // namespace

const Currency* FindCurrency(CurrencyCode code) {
  return internal::LookUp(kCurrencies, kCurrencyIndex, code.index());
}

std::span<const Currency> AllCurrencies() { return kCurrencies; }

int MinorDigits(CurrencyCode code) {
  const Currency* c = FindCurrency(code);
  return c != nullptr ? c->minor_digits : 2;
}

}  // namespace fareflow::refdata
