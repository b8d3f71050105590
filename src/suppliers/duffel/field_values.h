#ifndef FAREFLOW_SUPPLIERS_DUFFEL_FIELD_VALUES_H_
#define FAREFLOW_SUPPLIERS_DUFFEL_FIELD_VALUES_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/codes.h"
#include "core/money.h"
#include "model/name_tables.h"
#include "model/offer.h"
#include "refdata/currencies.h"

namespace fareflow::duffel::internal {

// Interpreters of single Duffel field values, shared by the offer reader's files.

// Bag counts above this are nonsense; clamping keeps int16 arithmetic safe.
inline constexpr int64_t kMaxBags = 99;

// The smaller of two piece counts, unknown when either is.
inline int16_t LeastGenerous(int16_t a, int16_t b) {
  if (a == kUnknownCount || b == kUnknownCount) return kUnknownCount;
  return std::min(a, b);
}

// Classifies a Duffel passenger. `type` wins when it is one Duffel defines; otherwise (2021
// responses carry only `age`) the age decides: under 2 an infant on a lap, under 18 a child.
inline PassengerType Classify(std::string_view type, std::optional<int64_t> age) {
  if (const std::optional<PassengerType> named = kDuffelPassengerTypes.Find(type)) return *named;
  if (type == "infant_with_seat") return PassengerType::kChild;  // takes a seat
  if (age) {
    if (*age < 2) return PassengerType::kInfant;
    if (*age < 18) return PassengerType::kChild;
  }
  return PassengerType::kAdult;
}

// Builds Money from a decimal string and an ISO code; nullopt unless both are usable.
inline std::optional<Money> ToMoney(std::string_view amount, std::string_view currency) {
  const CurrencyCode code = CurrencyCode::Parse(currency);
  if (!code.valid() || amount.empty()) return std::nullopt;
  const std::optional<int64_t> minor = ParseDecimalMinor(amount, refdata::MinorDigits(code));
  if (!minor || *minor < 0) return std::nullopt;
  return Money{*minor, code};
}

}  // namespace fareflow::duffel::internal

#endif  // FAREFLOW_SUPPLIERS_DUFFEL_FIELD_VALUES_H_
