#include "api/calendar_request_json.h"

#include <optional>
#include <string>

#include <simdjson.h>

#include "api/request_json_fields.h"
#include "calendar/calendar_cells.h"
#include "calendar/calendar_mode.h"
#include "core/json_reader.h"

namespace fareflow {
namespace {

std::optional<CalendarMode> ParseCalendarMode(std::string_view s) {
  return kCalendarModeNames.Find(s);
}

// {"from": date, "to": date}, both required.
Result<void> ReadDateRange(const JsonValue& e, std::optional<Days>& from, std::optional<Days>& to) {
  auto ok = e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "from") return Assign(ReadDate(v), from);
        if (key == "to") return Assign(ReadDate(v), to);
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!ok) return ok;
  if (!from) return InvalidAt(e.At("from"), "is required");
  if (!to) return InvalidAt(e.At("to"), "is required");
  return {};
}

// {"min": n, "max": n}, both required.
Result<void> ReadNights(const JsonValue& e, CalendarRequest& r) {
  auto ok = e.ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "min") return v.IntInto(0, kMaxCalendarNights, r.min_nights);
        if (key == "max") return v.IntInto(0, kMaxCalendarNights, r.max_nights);
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!ok) return ok;
  if (!r.min_nights) return InvalidAt(e.At("min"), "is required");
  if (!r.max_nights) return InvalidAt(e.At("max"), "is required");
  return {};
}

}  // namespace

Result<void> ValidateCalendarRequest(const CalendarRequest& r, const ValidationOptions& options) {
  if (auto known = ValidatePlace(r.origin, "/origin"); !known) return known;
  if (auto known = ValidatePlace(r.destination, "/destination"); !known) return known;
  if (r.origin == r.destination) return InvalidAt("/destination", "must differ from the origin");
  if (r.departure_to < r.departure_from) {
    return InvalidAt("/departure/to", "must not be before /departure/from");
  }
  if (r.departure_to - r.departure_from + 1 > kMaxCalendarDepartureDays) {
    return InvalidAt("/departure",
                     "spans at most " + std::to_string(kMaxCalendarDepartureDays) + " days");
  }
  if (r.min_nights.has_value() != r.max_nights.has_value() ||
      r.return_from.has_value() != r.return_to.has_value()) {
    return InvalidAt(r.min_nights || r.max_nights ? "/nights" : "/return",
                     "needs both of its bounds");
  }
  if (r.min_nights && r.return_from) {
    return InvalidAt("/return", "give either nights or return, not both");
  }
  Days last = r.departure_to;
  if (r.min_nights) {
    for (const auto& [n, name] :
         {std::pair{*r.min_nights, "/nights/min"}, {*r.max_nights, "/nights/max"}}) {
      if (n < 0 || n > kMaxCalendarNights) {
        return InvalidAt(name, "must be between 0 and " + std::to_string(kMaxCalendarNights));
      }
    }
    if (*r.max_nights < *r.min_nights) return InvalidAt("/nights/max", "must not be less than min");
    last = r.departure_to + *r.max_nights;
  }
  if (r.return_from) {
    if (*r.return_to < *r.return_from) {
      return InvalidAt("/return/to", "must not be before /return/from");
    }
    if (*r.return_to - *r.return_from > kMaxCalendarNights) {
      return InvalidAt("/return",
                       "spans at most " + std::to_string(kMaxCalendarNights + 1) + " days");
    }
    if (*r.return_to < r.departure_from) {
      return InvalidAt("/return/to", "must not be before the first departure");
    }
    last = std::max(last, *r.return_to);
  }
  if (options.check_dates) {
    if (r.departure_from < options.today) {
      return InvalidAt("/departure/from", "must not be in the past");
    }
    if (last > options.today + kMaxFutureDays) {
      return InvalidAt(
          r.return_from  ? "/return/to"
          : r.min_nights ? "/nights/max"
                         : "/departure/to",
          "every date must be within " + std::to_string(kMaxFutureDays) + " days from today");
    }
  }
  if (CalendarCellCount(r) > kMaxCalendarCells) {
    return InvalidAt(r.min_nights ? "/nights" : "/return",
                     "makes more than " + std::to_string(kMaxCalendarCells) + " cells");
  }
  if (auto valid = ValidatePassengers(r.passengers, "/passengers"); !valid) return valid;
  if (auto valid = ValidateCurrency(r.currency, "/currency"); !valid) return valid;
  if (r.max_stops && (*r.max_stops < 0 || *r.max_stops > 3)) {
    return InvalidAt("/max_stops", "must be between 0 and 3");
  }
  if (r.max_calls < 0 || r.max_calls > kMaxCalendarCallsAsked) {
    return InvalidAt("/max_calls",
                     "must be between 0 and " + std::to_string(kMaxCalendarCallsAsked));
  }
  return {};
}

Result<CalendarRequest> DecodeCalendarRequest(std::string_view json,
                                              const ValidationOptions& options) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseRequestBody(parser, json);
  if (!root) return tl::unexpected(root.error());
  CalendarRequest r;
  r.max_calls = kMaxCalendarCallsAsked;
  if (auto currency = ReadCurrencyMember(*root, r.currency); !currency) {
    return tl::unexpected(currency.error());
  }
  bool has_origin = false, has_destination = false;
  std::optional<Days> departure_from, departure_to;
  auto decoded = root->ForEachMember(
      [&](std::string_view key, const JsonValue& v) -> Result<void> {
        if (key == "currency") return {};
        if (key == "origin") {
          has_origin = true;
          return Assign(ReadLocation(v), r.origin);
        }
        if (key == "destination") {
          has_destination = true;
          return Assign(ReadLocation(v), r.destination);
        }
        if (key == "departure") return ReadDateRange(v, departure_from, departure_to);
        if (key == "nights") return ReadNights(v, r);
        if (key == "return") return ReadDateRange(v, r.return_from, r.return_to);
        if (key == "passengers") return ReadPassengers(v, r.passengers);
        if (key == "cabin") return ReadName(v, ParseCabin, kCabinNames, r.cabin);
        if (key == "max_stops") return v.IntInto(0, 3, r.max_stops);
        if (key == "max_price") return Assign(ReadAmount(v, r.currency), r.max_price_minor);
        if (key == "mode") return ReadName(v, ParseCalendarMode, kCalendarModeNames, r.mode);
        if (key == "max_calls") return v.IntInto(0, kMaxCalendarCallsAsked, r.max_calls);
        if (key == "deadline_ms") return v.IntInto(kMinDeadlineMs, kMaxDeadlineMs, r.deadline_ms);
        return v.Invalid("unknown field");
      },
      kRequestMembers);
  if (!decoded) return tl::unexpected(decoded.error());
  if (!has_origin) return InvalidAt("/origin", "is required");
  if (!has_destination) return InvalidAt("/destination", "is required");
  if (!departure_from) return InvalidAt("/departure", "is required");
  r.departure_from = *departure_from;
  r.departure_to = *departure_to;
  if (r.min_nights && r.return_from) {
    return InvalidAt("/return", "give either nights or return, not both");
  }
  if (auto valid = ValidateCalendarRequest(r, options); !valid)
    return tl::unexpected(valid.error());
  return r;
}

}  // namespace fareflow
