#include "model/search_request.h"

#include <algorithm>

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

std::string_view CacheModeName(CacheMode m) {
  return m == CacheMode::kOnly ? "only" : kCacheModeNames.NameOf(m);
}

std::optional<CacheMode> ParseCacheMode(std::string_view s) { return kCacheModeNames.Find(s); }

Result<TimeWindow> ParseTimeWindow(std::string_view text) {
  auto parse_hhmm = [](std::string_view s) -> int {
    if (s.size() != 5 || s[2] != ':') return -1;
    for (std::size_t i : {0u, 1u, 3u, 4u}) {
      if (s[i] < '0' || s[i] > '9') return -1;
    }
    int h = (s[0] - '0') * 10 + (s[1] - '0');
    int m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
    return std::min(h * 60 + m, 24 * 60 - 1);
  };
  const std::size_t dash = text.find('-');
  const int from = dash == std::string_view::npos ? -1 : parse_hhmm(text.substr(0, dash));
  const int to = dash == std::string_view::npos ? -1 : parse_hhmm(text.substr(dash + 1));
  if (from < 0 || to < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "time window must look like 06:00-12:00");
  }
  return TimeWindow{from, to};
}

}  // namespace fareflow
