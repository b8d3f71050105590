#include "model/search_request.h"

#include "model/name_tables.h"

namespace fareflow {

bool Filters::empty() const {
  auto all_unset = [](const auto& v) {
    for (const auto& x : v) {
      if (x) return false;
    }
    return true;
  };
  return !max_stops && all_unset(slice_max_stops) && include_airlines.empty() &&
         exclude_airlines.empty() && include_alliances.empty() && exclude_alliances.empty() &&
         all_unset(departure_windows) && all_unset(arrival_windows) && !max_duration_minutes &&
         !max_price_minor && !checked_bag_included && layover_airports_include.empty() &&
         layover_airports_exclude.empty() && !min_layover_minutes && !max_layover_minutes &&
         !no_airport_change && !max_co2_kg;
}

std::string_view SortKeyName(SortKey k) { return kSortKeyNames.NameOf(k); }

std::optional<SortKey> ParseSortKey(std::string_view s) { return kSortKeyNames.Find(s); }

}  // namespace fareflow
