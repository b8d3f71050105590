#include "api/refine_query.h"

#include <charconv>
#include <set>
#include <string_view>

#include "api/answer_form.h"
#include "api/search_request_validation.h"
#include "core/echo.h"
#include "core/money.h"
#include "model/name_tables.h"
#include "refdata/airlines.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

// Errors name the parameter as the client spelled it, up to EchoPrefix's bound.
tl::unexpected<Error> Invalid(std::string_view param, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), EchoPrefix(param));
}

Result<int> ReadInt(std::string_view param, const std::string& text, int lo, int hi) {
  int value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  // A whole number too long for an int is still a number: out of the range, not malformed.
  const bool out_of_range = ec == std::errc::result_out_of_range && ptr == end;
  if ((ec != std::errc() && !out_of_range) || ptr != end || text.empty()) {
    return Invalid(param, "must be a whole number");
  }
  if (out_of_range || value < lo || value > hi) {
    return Invalid(param, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return value;
}

Result<bool> ReadBool(std::string_view param, const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return Invalid(param, "must be true or false");
}

// Splits "BA,AA" at commas and reads each item with `read`.
template <typename T, typename F>
Result<std::vector<T>> ReadList(std::string_view param, std::string_view text, F read) {
  std::vector<T> out;
  for (;;) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    if (item.empty()) return Invalid(param, "must be a comma-separated list without empty items");
    std::optional<T> value = read(item);
    if (!value) return Invalid(param, "has an invalid item \"" + EchoPrefix(item) + "\"");
    out.push_back(*value);
    if (out.size() > kMaxListItems) {
      return Invalid(param, "must have at most " + std::to_string(kMaxListItems) + " items");
    }
    if (comma == std::string_view::npos) return out;
    text.remove_prefix(comma + 1);
  }
}

std::optional<AirlineCode> ParseAirline(std::string_view s) {
  AirlineCode code = AirlineCode::Parse(s);
  return code.valid() ? std::optional(code) : std::nullopt;
}
std::optional<LocationCode> ParseLocation(std::string_view s) {
  LocationCode code = LocationCode::Parse(s);
  return code.valid() ? std::optional(code) : std::nullopt;
}
std::optional<refdata::Alliance> ParseAllianceItem(std::string_view s) {
  refdata::Alliance alliance;
  return refdata::ParseAlliance(s, &alliance) ? std::optional(alliance) : std::nullopt;
}

// "<slice>:HH:MM-HH:MM" into windows[slice].
Result<void> ReadWindow(std::string_view param, const std::string& text, int slice_count,
                        std::vector<std::optional<TimeWindow>>& windows) {
  const std::size_t colon = text.find(':');
  const std::string_view kShape = "must look like <slice>:HH:MM-HH:MM, e.g. 0:06:00-12:00";
  if (colon == std::string::npos || colon == 0) return Invalid(param, std::string(kShape));
  auto slice = ReadInt(param, text.substr(0, colon), 0, slice_count - 1);
  if (!slice)
    return Invalid(param, "slice index must be between 0 and " + std::to_string(slice_count - 1));
  auto window = ParseTimeWindow(std::string_view(text).substr(colon + 1));
  if (!window) return Invalid(param, std::string(kShape));
  const std::size_t index = static_cast<std::size_t>(*slice);
  if (windows.size() <= index) windows.resize(index + 1);
  if (windows[index]) return Invalid(param, "names slice " + std::to_string(index) + " twice");
  windows[index] = *window;
  return {};
}

// Reads one filter parameter into `f`; false when `key` names no filter.
Result<bool> ReadFilter(const std::string& key, const std::string& value, CurrencyCode currency,
                        int slice_count, Filters& f, std::optional<int>& max_connections) {
  auto done = [](Result<void> r) -> Result<bool> {
    if (!r) return tl::unexpected(r.error());
    return true;
  };
  if (key == "max_stops") return done(Assign(ReadInt(key, value, 0, 3), f.max_stops));
  if (key == "max_connections") return done(Assign(ReadInt(key, value, 0, 3), max_connections));
  if (key == "max_duration") {
    return done(Assign(ReadInt(key, value, 1, kMaxFilterMinutes), f.max_duration_minutes));
  }
  if (key == "min_layover") {
    return done(Assign(ReadInt(key, value, 0, kMaxFilterMinutes), f.min_layover_minutes));
  }
  if (key == "max_layover") {
    return done(Assign(ReadInt(key, value, 0, kMaxFilterMinutes), f.max_layover_minutes));
  }
  if (key == "max_co2_kg") return done(Assign(ReadInt(key, value, 0, 100000), f.max_co2_kg));
  if (key == "checked_bag") return done(Assign(ReadBool(key, value), f.checked_bag_included));
  if (key == "no_airport_change") return done(Assign(ReadBool(key, value), f.no_airport_change));
  if (key == "airlines") {
    return done(Assign(ReadList<AirlineCode>(key, value, ParseAirline), f.include_airlines));
  }
  if (key == "exclude_airlines") {
    return done(Assign(ReadList<AirlineCode>(key, value, ParseAirline), f.exclude_airlines));
  }
  if (key == "alliances") {
    return done(
        Assign(ReadList<refdata::Alliance>(key, value, ParseAllianceItem), f.include_alliances));
  }
  if (key == "exclude_alliances") {
    return done(
        Assign(ReadList<refdata::Alliance>(key, value, ParseAllianceItem), f.exclude_alliances));
  }
  if (key == "layover_airports") {
    return done(
        Assign(ReadList<LocationCode>(key, value, ParseLocation), f.layover_airports_include));
  }
  if (key == "exclude_layover_airports") {
    return done(
        Assign(ReadList<LocationCode>(key, value, ParseLocation), f.layover_airports_exclude));
  }
  if (key == "max_price") {
    auto minor = ParseDecimalMinor(value, refdata::MinorDigits(currency));
    if (!minor || *minor < 0) {
      return Invalid(key, "must be a decimal amount in " + currency.str() + " such as 950.00");
    }
    f.max_price_minor = *minor;
    return true;
  }
  if (key == "departure_window") {
    return done(ReadWindow(key, value, slice_count, f.departure_windows));
  }
  if (key == "arrival_window") {
    return done(ReadWindow(key, value, slice_count, f.arrival_windows));
  }
  return false;
}

// Query parameter naming what a validation error's JSON pointer names.
std::string ParamOf(std::string_view pointer) {
  if (pointer.starts_with("/filters/slices")) return "departure_window";
  if (pointer.starts_with("/")) pointer.remove_prefix(1);
  return std::string(pointer);
}

}  // namespace

Result<RefineQuery> DecodeRefineQuery(const std::vector<std::pair<std::string, std::string>>& query,
                                      CurrencyCode currency, int slice_count) {
  RefineQuery out;
  Filters filters;
  bool any_filter = false;
  std::set<std::string_view> seen;
  for (const auto& [key, value] : query) {
    // Windows name their slice, so they may repeat; nothing else may.
    const bool repeatable = key == "departure_window" || key == "arrival_window";
    if (!seen.insert(key).second && !repeatable) return Invalid(key, "is given more than once");
    if (key == "sort") {
      auto sort = ParseSortKey(value);
      if (!sort) return Invalid(key, kSortKeyNames.MustBe(NameList::kOr));
      out.sort = *sort;
      continue;
    }
    if (key == "limit") {
      if (auto r = Assign(ReadInt(key, value, 0, kMaxLimit), out.limit); !r) {
        return tl::unexpected(r.error());
      }
      continue;
    }
    if (key == "cursor") {
      out.cursor = value;
      continue;
    }
    if (key == "answer_form") {
      out.answer_form = ParseAnswerForm(value);
      if (!out.answer_form) return Invalid(key, kAnswerFormNames.MustBe(NameList::kOr));
      continue;
    }
    Result<bool> is_filter =
        ReadFilter(key, value, currency, slice_count, filters, out.max_connections);
    if (!is_filter) return tl::unexpected(is_filter.error());
    if (!*is_filter) return Invalid(key, "unknown query parameter");
    any_filter = true;
  }
  if (any_filter) out.filters = std::move(filters);
  return out;
}

Result<SearchRequest> RefinedRequest(const SearchRequest& stored, const RefineQuery& query) {
  SearchRequest refined = stored;
  if (query.sort) refined.sort = *query.sort;
  if (query.limit) refined.limit = *query.limit;
  refined.cursor = query.cursor;
  refined.answer_form = query.answer_form;
  if (query.filters) {
    refined.filters = *query.filters;
    refined.max_connections = query.max_connections;
  }
  // Stored requests were valid; this re-checks what the query changed, by the same rules.
  if (auto valid = ValidateSearchRequest(refined, {.check_dates = false}); !valid) {
    Error error = valid.error();
    error.field = ParamOf(error.field);
    return tl::unexpected(std::move(error));
  }
  return refined;
}

}  // namespace fareflow
