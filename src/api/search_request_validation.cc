#include "api/search_request_validation.h"

#include <string>
#include <utility>

#include "core/json_reader.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"

namespace fareflow {
Result<void> ValidatePlace(LocationCode code, const std::string& pointer) {
  if (!code.valid()) return InvalidAt(pointer, "must be a three-letter IATA code");
  if (refdata::ExpandLocation(code).empty()) {
    return InvalidAt(pointer, "unknown airport or city code " + code.str());
  }
  return {};
}

Result<void> ValidatePassengers(const Passengers& p, const std::string& pointer) {
  if (p.adults < 1)
    return InvalidAt(PointerTo(pointer, "adults"), "at least one adult must travel");
  if (p.total() > kMaxPassengers) {
    return InvalidAt(pointer, "at most 9 passengers, infants included");
  }
  if (p.infants > p.adults) {
    return InvalidAt(PointerTo(pointer, "infants"), "each infant needs an adult's lap");
  }
  for (std::size_t i = 0; i < p.child_ages.size(); ++i) {
    if (p.child_ages[i] < 2 || p.child_ages[i] > 17) {
      return InvalidAt(PointerTo(PointerTo(pointer, "children"), i),
                       "a child is 2 to 17 years old");
    }
  }
  return {};
}

Result<void> ValidateCurrency(CurrencyCode currency, const std::string& pointer,
                              const refdata::FxRates& fx) {
  if (!currency.valid() || refdata::FindCurrency(currency) == nullptr) {
    return InvalidAt(pointer, "must be an ISO 4217 currency code");
  }
  if (!fx.PerEur(currency)) {
    return InvalidAt(pointer, "no exchange rate for " + currency.str());
  }
  return {};
}

Result<void> ValidateSearchRequest(const SearchRequest& r, const ValidationOptions& options) {
  if (r.slices.empty() || r.slices.size() > static_cast<std::size_t>(kMaxSlices)) {
    return InvalidAt("/slices", "must have between 1 and 6 slices");
  }
  for (std::size_t i = 0; i < r.slices.size(); ++i) {
    const SliceRequest& s = r.slices[i];
    const std::string base = PointerTo("/slices", i);
    for (auto [code, name] : {std::pair{s.origin, "origin"}, {s.destination, "destination"}}) {
      if (auto known = ValidatePlace(code, PointerTo(base, name)); !known) return known;
    }
    if (s.origin == s.destination) {
      return InvalidAt(PointerTo(base, "destination"), "must differ from the origin");
    }
    if (options.check_dates) {
      if (s.departure_date < options.today) {
        return InvalidAt(PointerTo(base, "departure_date"), "must not be in the past");
      }
      if (s.departure_date > options.today + kMaxFutureDays) {
        return InvalidAt(PointerTo(base, "departure_date"), "must be within 361 days from today");
      }
    }
    if (i > 0 && s.departure_date < r.slices[i - 1].departure_date) {
      return InvalidAt(PointerTo(base, "departure_date"),
                       "must not be before the previous slice's date");
    }
  }
  if (auto valid = ValidatePassengers(r.passengers, "/passengers"); !valid) return valid;
  if (auto valid = ValidateCurrency(r.currency, "/currency", *options.fx); !valid) return valid;
  if (r.limit < 0 || r.limit > kMaxLimit)
    return InvalidAt("/limit", "must be between 0 and 100000");
  if (r.max_connections && (*r.max_connections < 0 || *r.max_connections > 3)) {
    return InvalidAt("/max_connections", "must be between 0 and 3");
  }
  if (r.filters.slice_max_stops.size() > r.slices.size() ||
      r.filters.departure_windows.size() > r.slices.size() ||
      r.filters.arrival_windows.size() > r.slices.size()) {
    return InvalidAt("/filters/slices", "has more entries than the request has slices");
  }
  return {};
}

}  // namespace fareflow
