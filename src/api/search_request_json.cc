#include "api/search_request_json.h"

#include <chrono>
#include <string>

#include <simdjson.h>

#include "core/json_reader.h"
#include "model/name_tables.h"

#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

constexpr int kMaxFutureDays = 361;
constexpr int kMaxLimit = 100000;
constexpr std::size_t kMaxListItems = 64;

// Every object of the request reads null as "not set". Duplicate keys are not refused yet.
constexpr MemberRules kRequestMembers{.skip_null = true};

tl::unexpected<Error> Invalid(std::string field, std::string message) {
  return InvalidAt(std::move(field), std::move(message));
}

std::string At(const std::string& base, std::string_view key) { return PointerTo(base, key); }
std::string At(const std::string& base, std::size_t index) { return PointerTo(base, index); }

Result<LocationCode> ReadLocation(const JsonValue& v) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  LocationCode code = LocationCode::Parse(*s);
  if (!code.valid()) return v.Invalid("must be a three-letter IATA code");
  return code;
}

Result<AirlineCode> ReadAirline(const JsonValue& v) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  AirlineCode code = AirlineCode::Parse(*s);
  if (!code.valid()) return v.Invalid("must be a two-character IATA airline code");
  return code;
}

Result<refdata::Alliance> ReadAlliance(const JsonValue& v) {
  auto s = v.String();
  if (!s) return tl::unexpected(s.error());
  refdata::Alliance a;
  if (!refdata::ParseAlliance(*s, &a))
    return v.Invalid("must be star_alliance, oneworld or skyteam");
  return a;
}

Result<TimeWindow> ReadWindow(const JsonValue& v) {
  if (!v.element().is_object()) return v.Invalid("must be an object {\"from\",\"to\"}");
  std::string_view from = "00:00", to = "23:59";
  auto ok = v.ForEachMember([&](std::string_view key, const JsonValue& bound) -> Result<void> {
    if (key == "from") return Assign(bound.String(), from);
    if (key == "to") return Assign(bound.String(), to);
    return bound.Invalid("unknown field");
  });
  if (!ok) return tl::unexpected(ok.error());
  auto w = ParseTimeWindow(std::string(from) + "-" + std::string(to));
  if (!w) return v.Invalid(w.error().message);
  return *w;
}

// Reads an integer member into an optional<int> (or an int).
template <typename Out>
Result<void> ReadInt(const JsonValue& v, int64_t lo, int64_t hi, Out& out) {
  auto n = v.Int(lo, hi);
  if (!n) return tl::unexpected(n.error());
  out = static_cast<int>(*n);
  return {};
}

Result<void> ReadSliceFilters(const JsonValue& e, std::size_t index, Filters& f) {
  auto grow = [index](auto& v) {
    if (v.size() <= index) v.resize(index + 1);
  };
  return e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "max_stops") {
          grow(f.slice_max_stops);
          return ReadInt(v, 0, 3, f.slice_max_stops[index]);
        }
        if (key == "departure_window") {
          grow(f.departure_windows);
          return Assign(ReadWindow(v), f.departure_windows[index]);
        }
        if (key == "arrival_window") {
          grow(f.arrival_windows);
          return Assign(ReadWindow(v), f.arrival_windows[index]);
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
}

Result<void> ReadFilters(const JsonValue& e, CurrencyCode currency, Filters& f) {
  return e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        constexpr int kWeek = 7 * 24 * 60;
        if (key == "max_stops") return ReadInt(v, 0, 3, f.max_stops);
        if (key == "max_duration_minutes") return ReadInt(v, 1, kWeek, f.max_duration_minutes);
        if (key == "min_layover_minutes") return ReadInt(v, 0, kWeek, f.min_layover_minutes);
        if (key == "max_layover_minutes") return ReadInt(v, 0, kWeek, f.max_layover_minutes);
        if (key == "max_co2_kg") return ReadInt(v, 0, 100000, f.max_co2_kg);
        if (key == "checked_bag_included") return Assign(v.Bool(), f.checked_bag_included);
        if (key == "no_airport_change") return Assign(v.Bool(), f.no_airport_change);
        if (key == "include_airlines") {
          return Assign(v.List<AirlineCode>(kMaxListItems, ReadAirline), f.include_airlines);
        }
        if (key == "exclude_airlines") {
          return Assign(v.List<AirlineCode>(kMaxListItems, ReadAirline), f.exclude_airlines);
        }
        if (key == "include_alliances") {
          return Assign(v.List<refdata::Alliance>(kMaxListItems, ReadAlliance),
                        f.include_alliances);
        }
        if (key == "exclude_alliances") {
          return Assign(v.List<refdata::Alliance>(kMaxListItems, ReadAlliance),
                        f.exclude_alliances);
        }
        if (key == "layover_airports_include") {
          return Assign(v.List<LocationCode>(kMaxListItems, ReadLocation),
                        f.layover_airports_include);
        }
        if (key == "layover_airports_exclude") {
          return Assign(v.List<LocationCode>(kMaxListItems, ReadLocation),
                        f.layover_airports_exclude);
        }
        if (key == "max_price") {
          auto s = v.String();
          if (!s) return tl::unexpected(s.error());
          auto minor = ParseDecimalMinor(*s, refdata::MinorDigits(currency));
          if (!minor || *minor < 0) return v.Invalid("must be a decimal amount such as \"950.00\"");
          f.max_price_minor = *minor;
          return {};
        }
        if (key == "slices") {
          std::size_t i = 0;
          return v.ForEachItem(
              [&](const JsonValue& slice) -> Result<void> {
                const std::size_t index = i++;
                if (slice.is_null()) return {};
                return ReadSliceFilters(slice, index, f);
              },
              static_cast<std::size_t>(kMaxSlices));
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
}

Result<void> ReadPassengers(const JsonValue& e, Passengers& p) {
  return e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "adults") return ReadInt(v, 0, kMaxPassengers, p.adults);
        if (key == "infants") return ReadInt(v, 0, kMaxPassengers, p.infants);
        if (key == "children") {
          // Either a count (each child taken as 8 years old) or a list of ages.
          int64_t count;
          if (v.element().get_int64().get(count) == simdjson::SUCCESS) {
            if (count < 0 || count > kMaxPassengers) return v.Invalid("must be between 0 and 9");
            p.child_ages.assign(static_cast<std::size_t>(count), 8);
            return {};
          }
          return Assign(v.List<int>(kMaxListItems,
                                    [](const JsonValue& age) -> Result<int> {
                                      auto n = age.Int(2, 17);
                                      if (!n) return tl::unexpected(n.error());
                                      return static_cast<int>(*n);
                                    }),
                        p.child_ages);
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
}

Result<SliceRequest> ReadSlice(const JsonValue& s) {
  SliceRequest slice;
  bool has_origin = false, has_destination = false, has_date = false;
  auto ok = s.ForEachMember(
      [&](std::string_view k, const JsonValue& v) -> Result<void> {
        if (k == "origin") {
          has_origin = true;
          return Assign(ReadLocation(v), slice.origin);
        }
        if (k == "destination") {
          has_destination = true;
          return Assign(ReadLocation(v), slice.destination);
        }
        if (k == "departure_date") {
          auto d = v.String();
          if (!d) return tl::unexpected(d.error());
          auto days = ParseDate(*d);
          if (!days) return v.Invalid("must be a date YYYY-MM-DD");
          slice.departure_date = *days;
          has_date = true;
          return {};
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!ok) return tl::unexpected(ok.error());
  if (!has_origin) return Invalid(s.At("origin"), "is required");
  if (!has_destination) return Invalid(s.At("destination"), "is required");
  if (!has_date) return Invalid(s.At("departure_date"), "is required");
  return slice;
}

}  // namespace

Days TodayUtc() {
  auto now = std::chrono::system_clock::now();
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now.time_since_epoch()).count();
  return DayOf(minutes);
}

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
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) {
    return MakeError(ErrorCode::kInvalidArgument, "time window must look like 06:00-12:00");
  }
  int from = parse_hhmm(text.substr(0, dash));
  int to = parse_hhmm(text.substr(dash + 1));
  if (from < 0 || to < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "time window must look like 06:00-12:00");
  }
  return TimeWindow{from, to};
}

Result<void> ValidateSearchRequest(const SearchRequest& r, const ValidationOptions& options) {
  if (r.slices.empty() || r.slices.size() > static_cast<std::size_t>(kMaxSlices)) {
    return Invalid("/slices", "must have between 1 and 6 slices");
  }
  for (std::size_t i = 0; i < r.slices.size(); ++i) {
    const SliceRequest& s = r.slices[i];
    const std::string base = At("/slices", i);
    for (auto [code, name] : {std::pair{s.origin, "origin"}, {s.destination, "destination"}}) {
      if (!code.valid()) return Invalid(At(base, name), "must be a three-letter IATA code");
      if (refdata::ExpandLocation(code).empty()) {
        return Invalid(At(base, name), "unknown airport or city code " + code.str());
      }
    }
    if (s.origin == s.destination) {
      return Invalid(At(base, "destination"), "must differ from the origin");
    }
    if (options.check_dates) {
      if (s.departure_date < options.today) {
        return Invalid(At(base, "departure_date"), "must not be in the past");
      }
      if (s.departure_date > options.today + kMaxFutureDays) {
        return Invalid(At(base, "departure_date"), "must be within 361 days from today");
      }
    }
    if (i > 0 && s.departure_date < r.slices[i - 1].departure_date) {
      return Invalid(At(base, "departure_date"), "must not be before the previous slice's date");
    }
  }
  const Passengers& p = r.passengers;
  if (p.adults < 1) return Invalid("/passengers/adults", "at least one adult must travel");
  if (p.total() > kMaxPassengers) {
    return Invalid("/passengers", "at most 9 passengers, infants included");
  }
  if (p.infants > p.adults) {
    return Invalid("/passengers/infants", "each infant needs an adult's lap");
  }
  for (std::size_t i = 0; i < p.child_ages.size(); ++i) {
    if (p.child_ages[i] < 2 || p.child_ages[i] > 17) {
      return Invalid(At("/passengers/children", i), "a child is 2 to 17 years old");
    }
  }
  if (!r.currency.valid() || refdata::FindCurrency(r.currency) == nullptr) {
    return Invalid("/currency", "must be an ISO 4217 currency code");
  }
  if (!refdata::FxRates::Builtin().PerEur(r.currency)) {
    return Invalid("/currency", "no exchange rate for " + r.currency.str());
  }
  if (r.limit < 0 || r.limit > kMaxLimit) return Invalid("/limit", "must be between 0 and 100000");
  if (r.max_connections && (*r.max_connections < 0 || *r.max_connections > 3)) {
    return Invalid("/max_connections", "must be between 0 and 3");
  }
  if (r.filters.slice_max_stops.size() > r.slices.size() ||
      r.filters.departure_windows.size() > r.slices.size() ||
      r.filters.arrival_windows.size() > r.slices.size()) {
    return Invalid("/filters/slices", "has more entries than the request has slices");
  }
  return {};
}

Result<SearchRequest> DecodeSearchRequest(std::string_view json, const ValidationOptions& options) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, json);
  if (!root) return Invalid("", "request body is not valid JSON: " + root.error().message);
  if (!root->element().is_object()) return Invalid("", "request body must be a JSON object");
  SearchRequest r;
  // Currency first: max_price needs its minor digits, whatever the member order.
  if (std::optional<JsonValue> currency = root->Member("currency")) {
    auto s = currency->String();
    if (!s) return tl::unexpected(s.error());
    r.currency = CurrencyCode::Parse(*s);
    if (!r.currency.valid()) return Invalid("/currency", "must be an ISO 4217 currency code");
  }
  auto decoded = root->ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "currency") return {};
        if (key == "slices") {
          auto count = v.ArraySize();
          if (!count) return tl::unexpected(count.error());
          if (*count == 0 || *count > static_cast<std::size_t>(kMaxSlices)) {
            return v.Invalid("must have between 1 and 6 slices");
          }
          return v.ForEachItem([&](const JsonValue& s) -> Result<void> {
            auto slice = ReadSlice(s);
            if (!slice) return tl::unexpected(slice.error());
            r.slices.push_back(*slice);
            return {};
          });
        }
        if (key == "passengers") return ReadPassengers(v, r.passengers);
        if (key == "cabin") {
          auto s = v.String();
          if (!s) return tl::unexpected(s.error());
          auto cabin = ParseCabin(*s);
          if (!cabin) return v.Invalid(kCabinNames.MustBe(NameList::kOr));
          r.cabin = *cabin;
          return {};
        }
        if (key == "max_connections") return ReadInt(v, 0, 3, r.max_connections);
        if (key == "filters") return ReadFilters(v, r.currency, r.filters);
        if (key == "sort") {
          auto s = v.String();
          if (!s) return tl::unexpected(s.error());
          auto sort = ParseSortKey(*s);
          if (!sort) return v.Invalid(kSortKeyNames.MustBe(NameList::kOr));
          r.sort = *sort;
          return {};
        }
        if (key == "limit") return ReadInt(v, 0, kMaxLimit, r.limit);
        if (key == "deadline_ms") return ReadInt(v, kMinDeadlineMs, kMaxDeadlineMs, r.deadline_ms);
        if (key == "cursor") return Assign(v.String(), r.cursor);
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!decoded) return tl::unexpected(decoded.error());
  if (r.slices.empty()) return Invalid("/slices", "is required");
  if (auto valid = ValidateSearchRequest(r, options); !valid) return tl::unexpected(valid.error());
  return r;
}

}  // namespace fareflow
