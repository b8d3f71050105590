#include "api/search_request_json.h"

#include <string>

#include <simdjson.h>

#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "refdata/fx_rates.h"

namespace fareflow {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr int kMaxFutureDays = 361;
constexpr int kMaxLimit = 100000;
constexpr std::size_t kMaxListItems = 64;

tl::unexpected<Error> Invalid(std::string field, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string At(const std::string& base, std::string_view key) {
  return base + "/" + std::string(key);
}
std::string At(const std::string& base, std::size_t index) {
  return base + "/" + std::to_string(index);
}

Result<int64_t> ReadInt(element e, const std::string& field, int64_t lo, int64_t hi) {
  int64_t v;
  if (e.get_int64().get(v)) return Invalid(field, "must be an integer");
  if (v < lo || v > hi) {
    return Invalid(field, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return v;
}

Result<std::string_view> ReadString(element e, const std::string& field) {
  std::string_view s;
  if (e.get_string().get(s)) return Invalid(field, "must be a string");
  return s;
}

Result<bool> ReadBool(element e, const std::string& field) {
  bool b;
  if (e.get_bool().get(b)) return Invalid(field, "must be true or false");
  return b;
}

Result<LocationCode> ReadLocation(element e, const std::string& field) {
  auto s = ReadString(e, field);
  if (!s) return tl::unexpected(s.error());
  LocationCode code = LocationCode::Parse(*s);
  if (!code.valid()) return Invalid(field, "must be a three-letter IATA code");
  return code;
}

Result<AirlineCode> ReadAirline(element e, const std::string& field) {
  auto s = ReadString(e, field);
  if (!s) return tl::unexpected(s.error());
  AirlineCode code = AirlineCode::Parse(*s);
  if (!code.valid()) return Invalid(field, "must be a two-character IATA airline code");
  return code;
}

Result<refdata::Alliance> ReadAlliance(element e, const std::string& field) {
  auto s = ReadString(e, field);
  if (!s) return tl::unexpected(s.error());
  refdata::Alliance a;
  if (!refdata::ParseAlliance(*s, &a)) {
    return Invalid(field, "must be star_alliance, oneworld or skyteam");
  }
  return a;
}

// Reads an array of values with `read`, naming each element's path on error.
template <typename T, typename F>
Result<std::vector<T>> ReadList(element e, const std::string& field, F read) {
  simdjson::dom::array array;
  if (e.get_array().get(array)) return Invalid(field, "must be an array");
  if (array.size() > kMaxListItems) {
    return Invalid(field, "must have at most " + std::to_string(kMaxListItems) + " items");
  }
  std::vector<T> out;
  std::size_t i = 0;
  for (element item : array) {
    auto v = read(item, At(field, i++));
    if (!v) return tl::unexpected(v.error());
    out.push_back(*v);
  }
  return out;
}

Result<TimeWindow> ReadWindow(element e, const std::string& field) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return Invalid(field, "must be an object {\"from\",\"to\"}");
  std::string_view from = "00:00", to = "23:59";
  for (auto [key, value] : obj) {
    if (key == "from" || key == "to") {
      auto s = ReadString(value, At(field, key));
      if (!s) return tl::unexpected(s.error());
      (key == "from" ? from : to) = *s;
    } else {
      return Invalid(At(field, key), "unknown field");
    }
  }
  auto w = ParseTimeWindow(std::string(from) + "-" + std::string(to));
  if (!w) return Invalid(field, w.error().message);
  return *w;
}

// Runs `handle` on each member of an object; unknown keys are reported by `handle`.
template <typename F>
Result<void> ForEachMember(element e, const std::string& field, F handle) {
  simdjson::dom::object obj;
  if (e.get_object().get(obj)) return Invalid(field, "must be an object");
  for (auto [key, value] : obj) {
    if (value.is_null()) continue;  // null means "not set" everywhere in the request
    auto r = handle(key, value, At(field, key));
    if (!r) return r;
  }
  return {};
}

Result<void> ReadSliceFilters(element e, const std::string& field, std::size_t index, Filters& f) {
  auto grow = [index](auto& v) {
    if (v.size() <= index) v.resize(index + 1);
  };
  return ForEachMember(
      e, field, [&](std::string_view key, element v, const std::string& path) -> Result<void> {
        if (key == "max_stops") {
          grow(f.slice_max_stops);
          auto n = ReadInt(v, path, 0, 3);
          if (!n) return tl::unexpected(n.error());
          f.slice_max_stops[index] = static_cast<int>(*n);
        } else if (key == "departure_window") {
          grow(f.departure_windows);
          auto w = ReadWindow(v, path);
          if (!w) return tl::unexpected(w.error());
          f.departure_windows[index] = *w;
        } else if (key == "arrival_window") {
          grow(f.arrival_windows);
          auto w = ReadWindow(v, path);
          if (!w) return tl::unexpected(w.error());
          f.arrival_windows[index] = *w;
        } else {
          return Invalid(path, "unknown field");
        }
        return {};
      });
}

Result<void> ReadFilters(element e, const std::string& field, CurrencyCode currency, Filters& f) {
  return ForEachMember(
      e, field, [&](std::string_view key, element v, const std::string& path) -> Result<void> {
        auto int_field = [&](std::optional<int>& out, int64_t lo, int64_t hi) -> Result<void> {
          auto n = ReadInt(v, path, lo, hi);
          if (!n) return tl::unexpected(n.error());
          out = static_cast<int>(*n);
          return {};
        };
        auto bool_field = [&](bool& out) { return Assign(ReadBool(v, path), out); };
        if (key == "max_stops") return int_field(f.max_stops, 0, 3);
        if (key == "max_duration_minutes") return int_field(f.max_duration_minutes, 1, 7 * 24 * 60);
        if (key == "min_layover_minutes") return int_field(f.min_layover_minutes, 0, 7 * 24 * 60);
        if (key == "max_layover_minutes") return int_field(f.max_layover_minutes, 0, 7 * 24 * 60);
        if (key == "max_co2_kg") return int_field(f.max_co2_kg, 0, 100000);
        if (key == "checked_bag_included") return bool_field(f.checked_bag_included);
        if (key == "no_airport_change") return bool_field(f.no_airport_change);
        if (key == "include_airlines") {
          return Assign(ReadList<AirlineCode>(v, path, ReadAirline), f.include_airlines);
        }
        if (key == "exclude_airlines") {
          return Assign(ReadList<AirlineCode>(v, path, ReadAirline), f.exclude_airlines);
        }
        if (key == "include_alliances") {
          return Assign(ReadList<refdata::Alliance>(v, path, ReadAlliance), f.include_alliances);
        }
        if (key == "exclude_alliances") {
          return Assign(ReadList<refdata::Alliance>(v, path, ReadAlliance), f.exclude_alliances);
        }
        if (key == "layover_airports_include") {
          return Assign(ReadList<LocationCode>(v, path, ReadLocation), f.layover_airports_include);
        }
        if (key == "layover_airports_exclude") {
          return Assign(ReadList<LocationCode>(v, path, ReadLocation), f.layover_airports_exclude);
        }
        if (key == "max_price") {
          auto s = ReadString(v, path);
          if (!s) return tl::unexpected(s.error());
          auto minor = ParseDecimalMinor(*s, refdata::MinorDigits(currency));
          if (!minor || *minor < 0)
            return Invalid(path, "must be a decimal amount such as \"950.00\"");
          f.max_price_minor = *minor;
          return {};
        }
        if (key == "slices") {
          simdjson::dom::array slices;
          if (v.get_array().get(slices)) return Invalid(path, "must be an array");
          if (slices.size() > static_cast<std::size_t>(kMaxSlices)) {
            return Invalid(path, "must have at most 6 items");
          }
          std::size_t i = 0;
          for (element s : slices) {
            if (!s.is_null()) {
              if (auto r = ReadSliceFilters(s, At(path, i), i, f); !r) return r;
            }
            ++i;
          }
          return {};
        }
        return Invalid(path, "unknown field");
      });
}

Result<void> ReadPassengers(element e, const std::string& field, Passengers& p) {
  return ForEachMember(
      e, field, [&](std::string_view key, element v, const std::string& path) -> Result<void> {
        if (key == "adults") {
          auto n = ReadInt(v, path, 0, kMaxPassengers);
          if (!n) return tl::unexpected(n.error());
          p.adults = static_cast<int>(*n);
        } else if (key == "infants") {
          auto n = ReadInt(v, path, 0, kMaxPassengers);
          if (!n) return tl::unexpected(n.error());
          p.infants = static_cast<int>(*n);
        } else if (key == "children") {
          // Either a count (each child taken as 8 years old) or a list of ages.
          int64_t count;
          if (v.get_int64().get(count) == simdjson::SUCCESS) {
            if (count < 0 || count > kMaxPassengers)
              return Invalid(path, "must be between 0 and 9");
            p.child_ages.assign(static_cast<std::size_t>(count), 8);
          } else {
            auto ages = ReadList<int>(v, path, [](element a, const std::string& f) -> Result<int> {
              auto n = ReadInt(a, f, 2, 17);
              if (!n) return tl::unexpected(n.error());
              return static_cast<int>(*n);
            });
            if (!ages) return tl::unexpected(ages.error());
            p.child_ages = *ages;
          }
        } else {
          return Invalid(path, "unknown field");
        }
        return {};
      });
}

}  // namespace

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
  element root;
  if (auto err = parser.parse(json.data(), json.size()).get(root)) {
    return Invalid("",
                   std::string("request body is not valid JSON: ") + simdjson::error_message(err));
  }
  SearchRequest r;
  // Currency first: max_price needs its minor digits, whatever the member order.
  simdjson::dom::object top;
  if (root.get_object().get(top)) return Invalid("", "request body must be a JSON object");
  element currency;
  if (top["currency"].get(currency) == simdjson::SUCCESS && !currency.is_null()) {
    auto s = ReadString(currency, "/currency");
    if (!s) return tl::unexpected(s.error());
    r.currency = CurrencyCode::Parse(*s);
    if (!r.currency.valid()) return Invalid("/currency", "must be an ISO 4217 currency code");
  }
  auto decoded = ForEachMember(
      root, "", [&](std::string_view key, element v, const std::string& path) -> Result<void> {
        if (key == "currency") return {};
        if (key == "slices") {
          simdjson::dom::array slices;
          if (v.get_array().get(slices)) return Invalid(path, "must be an array");
          if (slices.size() == 0 || slices.size() > static_cast<std::size_t>(kMaxSlices)) {
            return Invalid(path, "must have between 1 and 6 slices");
          }
          std::size_t i = 0;
          for (element s : slices) {
            SliceRequest slice;
            bool has_origin = false, has_destination = false, has_date = false;
            const std::string base = At(path, i++);
            auto ok = ForEachMember(
                s, base, [&](std::string_view k, element sv, const std::string& p) -> Result<void> {
                  if (k == "origin") {
                    has_origin = true;
                    return Assign(ReadLocation(sv, p), slice.origin);
                  }
                  if (k == "destination") {
                    has_destination = true;
                    return Assign(ReadLocation(sv, p), slice.destination);
                  }
                  if (k == "departure_date") {
                    auto d = ReadString(sv, p);
                    if (!d) return tl::unexpected(d.error());
                    auto days = ParseDate(*d);
                    if (!days) return Invalid(p, "must be a date YYYY-MM-DD");
                    slice.departure_date = *days;
                    has_date = true;
                    return {};
                  }
                  return Invalid(p, "unknown field");
                });
            if (!ok) return ok;
            if (!has_origin) return Invalid(At(base, "origin"), "is required");
            if (!has_destination) return Invalid(At(base, "destination"), "is required");
            if (!has_date) return Invalid(At(base, "departure_date"), "is required");
            r.slices.push_back(slice);
          }
          return {};
        }
        if (key == "passengers") return ReadPassengers(v, path, r.passengers);
        if (key == "cabin") {
          auto s = ReadString(v, path);
          if (!s) return tl::unexpected(s.error());
          auto cabin = ParseCabin(*s);
          if (!cabin) return Invalid(path, "must be economy, premium_economy, business or first");
          r.cabin = *cabin;
          return {};
        }
        if (key == "max_connections") {
          auto n = ReadInt(v, path, 0, 3);
          if (!n) return tl::unexpected(n.error());
          r.max_connections = static_cast<int>(*n);
          return {};
        }
        if (key == "filters") return ReadFilters(v, path, r.currency, r.filters);
        if (key == "sort") {
          auto s = ReadString(v, path);
          if (!s) return tl::unexpected(s.error());
          auto sort = ParseSortKey(*s);
          if (!sort) {
            return Invalid(path,
                           "must be best, cheapest, fastest, earliest_departure or latest_arrival");
          }
          r.sort = *sort;
          return {};
        }
        if (key == "limit") {
          auto n = ReadInt(v, path, 0, kMaxLimit);
          if (!n) return tl::unexpected(n.error());
          r.limit = static_cast<int>(*n);
          return {};
        }
        if (key == "deadline_ms") {
          auto n = ReadInt(v, path, kMinDeadlineMs, kMaxDeadlineMs);
          if (!n) return tl::unexpected(n.error());
          r.deadline_ms = static_cast<int>(*n);
          return {};
        }
        if (key == "cursor") {
          auto s = ReadString(v, path);
          if (!s) return tl::unexpected(s.error());
          r.cursor = std::string(*s);
          return {};
        }
        return Invalid(path, "unknown field");
      });
  if (!decoded) return tl::unexpected(decoded.error());
  if (r.slices.empty()) return Invalid("/slices", "is required");
  if (auto valid = ValidateSearchRequest(r, options); !valid) return tl::unexpected(valid.error());
  return r;
}

}  // namespace fareflow
