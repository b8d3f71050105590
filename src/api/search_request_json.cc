#include "api/search_request_json.h"

#include <string>

#include <simdjson.h>

#include "api/answer_form.h"
#include "api/request_json_fields.h"
#include "core/json_reader.h"
#include "model/name_tables.h"
#include "refdata/airlines.h"
#include "refdata/currencies.h"

namespace fareflow {
namespace {

// A time window's bounds are strings even when null: only duplicates are refused.
constexpr MemberRules kWindowMembers{.refuse_duplicates = true};

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
  auto ok = v.ForEachMember(
      [&](std::string_view key, const JsonValue& bound) -> Result<void> {
        if (key == "from") return Assign(bound.String(), from);
        if (key == "to") return Assign(bound.String(), to);
        return bound.Invalid("unknown field");
      },
      kWindowMembers);
  if (!ok) return tl::unexpected(ok.error());
  auto w = ParseTimeWindow(std::string(from) + "-" + std::string(to));
  if (!w) return v.Invalid(w.error().message);
  return *w;
}

Result<void> ReadSliceFilters(const JsonValue& e, std::size_t index, Filters& f) {
  auto grow = [index](auto& v) {
    if (v.size() <= index) v.resize(index + 1);
  };
  return e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "max_stops") {
          grow(f.slice_max_stops);
          return v.IntInto(0, 3, f.slice_max_stops[index]);
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
        if (key == "max_stops") return v.IntInto(0, 3, f.max_stops);
        if (key == "max_duration_minutes")
          return v.IntInto(1, kMaxFilterMinutes, f.max_duration_minutes);
        if (key == "min_layover_minutes")
          return v.IntInto(0, kMaxFilterMinutes, f.min_layover_minutes);
        if (key == "max_layover_minutes")
          return v.IntInto(0, kMaxFilterMinutes, f.max_layover_minutes);
        if (key == "max_co2_kg") return v.IntInto(0, 100000, f.max_co2_kg);
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
        if (key == "max_price") return Assign(ReadAmount(v, currency), f.max_price_minor);
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
          has_date = true;
          return Assign(ReadDate(v), slice.departure_date);
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!ok) return tl::unexpected(ok.error());
  if (!has_origin) return InvalidAt(s.At("origin"), "is required");
  if (!has_destination) return InvalidAt(s.At("destination"), "is required");
  if (!has_date) return InvalidAt(s.At("departure_date"), "is required");
  return slice;
}

}  // namespace

Result<SearchRequest> DecodeSearchRequest(std::string_view json, const ValidationOptions& options) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseRequestBody(parser, json);
  if (!root) return tl::unexpected(root.error());
  SearchRequest r;
  if (auto currency = ReadCurrencyMember(*root, r.currency); !currency) {
    return tl::unexpected(currency.error());
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
        // Cabins are read in any case ("BUSINESS"), sorts only as written.
        if (key == "cabin") return ReadName(v, ParseCabin, kCabinNames, r.cabin);
        if (key == "max_connections") return v.IntInto(0, 3, r.max_connections);
        if (key == "filters") return ReadFilters(v, r.currency, r.filters);
        if (key == "sort") return ReadName(v, ParseSortKey, kSortKeyNames, r.sort);
        if (key == "limit") return v.IntInto(0, kMaxLimit, r.limit);
        if (key == "deadline_ms") return v.IntInto(kMinDeadlineMs, kMaxDeadlineMs, r.deadline_ms);
        if (key == "cursor") return Assign(v.String(), r.cursor);
        if (key == "cache") return ReadName(v, ParseCacheMode, kCacheModeNames, r.cache);
        if (key == "answer_form") {
          AnswerForm form = AnswerForm::kFull;
          if (auto read = ReadName(v, ParseAnswerForm, kAnswerFormNames, form); !read) return read;
          r.answer_form = form;
          return {};
        }
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!decoded) return tl::unexpected(decoded.error());
  if (r.slices.empty()) return InvalidAt("/slices", "is required");
  if (auto valid = ValidateSearchRequest(r, options); !valid) return tl::unexpected(valid.error());
  return r;
}

}  // namespace fareflow
