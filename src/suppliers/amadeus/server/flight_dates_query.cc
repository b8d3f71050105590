#include "suppliers/amadeus/server/flight_dates_query.h"

#include <charconv>
#include <string>
#include <utility>

#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {
namespace {

const std::string kOrigin = "origin";
const std::string kDestination = "destination";
const std::string kDeparture = "departureDate";
const std::string kOneWay = "oneWay";
const std::string kDuration = "duration";
const std::string kNonStop = "nonStop";
const std::string kMaxPrice = "maxPrice";
const std::string kViewBy = "viewBy";
// Upper bound of maxPrice; keeps minor units far from overflow.
constexpr int64_t kMaxPriceBound = INT64_MAX / 1000;
constexpr int kDefaultMinDuration = 1;
constexpr int kDefaultMaxDuration = 15;

// An integer, all of `text`; nullopt otherwise.
std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return v;
}

// "a" or "a,b": the two halves (equal when there is no comma).
std::pair<std::string_view, std::string_view> SplitRange(std::string_view text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos) return {text, text};
  return {text.substr(0, comma), text.substr(comma + 1)};
}

// A required IATA code.
void ReadLocation(const net::WireRequest& request, const std::string& name, Issues& issues,
                  LocationCode& out) {
  const std::string* value = QueryParameter(request, name);
  if (value == nullptr) {
    issues.push_back(
        MakeIssue(kMandatoryDataMissing, "This field must be filled.", name, kNoPointer));
    return;
  }
  CheckLocation(*value, name, kNoPointer, issues, out);
}

// A boolean parameter; `defaulted` stays true when it is absent.
void ReadBool(const net::WireRequest& request, const std::string& name, Issues& issues, bool& out,
              bool& defaulted) {
  defaulted = true;
  const std::string* value = QueryParameter(request, name);
  if (value == nullptr) return;
  defaulted = false;
  if (*value == "true" || *value == "false") {
    out = *value == "true";
    return;
  }
  issues.push_back(MakeIssue(kInvalidFormat, "must be true or false", name, kNoPointer, "false"));
}

void ReadDepartures(const net::WireRequest& request, Days today, Issues& issues,
                    DatesQuery& query) {
  const std::string* value = QueryParameter(request, kDeparture);
  query.departure_defaulted = value == nullptr;
  if (value == nullptr) {
    query.departure_from = today;
    query.departure_to = today + kMaxDatesDepartureDays - 1;
    return;
  }
  const auto [first, last] = SplitRange(*value);
  Days from = 0, to = 0;
  const bool from_ok = CheckDate(first, today, kDeparture, kNoPointer, issues, from);
  if (!from_ok) return;
  if (!CheckDate(last, today, kDeparture, kNoPointer, issues, to)) return;
  if (to < from) {
    issues.push_back(MakeIssue(kInvalidDate, "the range's end must not be before its start",
                               kDeparture, kNoPointer));
    return;
  }
  if (to - from + 1 > kMaxDatesDepartureDays) {
    issues.push_back(MakeIssue(
        kInvalidData,
        "a range of at most " + std::to_string(kMaxDatesDepartureDays) + " departure dates",
        kDeparture, kNoPointer));
    return;
  }
  query.departure_from = from;
  query.departure_to = to;
}

void ReadDuration(const net::WireRequest& request, int max_duration, Issues& issues,
                  DatesQuery& query) {
  const std::string* value = QueryParameter(request, kDuration);
  query.duration_defaulted = value == nullptr && !query.one_way;
  if (value == nullptr) {
    if (!query.one_way) {
      query.min_duration = kDefaultMinDuration;
      query.max_duration = std::min(kDefaultMaxDuration, max_duration);
    }
    return;
  }
  if (query.one_way) {
    issues.push_back(MakeIssue(kCombinationInvalid, "duration must not be set when oneWay is true",
                               kDuration, kNoPointer));
    return;
  }
  const auto [first, last] = SplitRange(*value);
  const std::optional<int64_t> lo = ParseInt(first), hi = ParseInt(last);
  if (!lo || !hi) {
    issues.push_back(MakeIssue(kInvalidFormat, "a number of days, or a range of them: 2,8",
                               kDuration, kNoPointer, "2,8"));
    return;
  }
  if (*lo < 1 || *hi > max_duration || *hi < *lo) {
    issues.push_back(MakeIssue(
        kInvalidData,
        "durations lie within 1 and " + std::to_string(max_duration) + ", the range's start first",
        kDuration, kNoPointer));
    return;
  }
  query.min_duration = static_cast<int>(*lo);
  query.max_duration = static_cast<int>(*hi);
}

void ReadMaxPrice(const net::WireRequest& request, Issues& issues, DatesQuery& query) {
  const std::string* value = QueryParameter(request, kMaxPrice);
  if (value == nullptr) return;
  const std::optional<int64_t> price = ParseInt(*value);
  if (!price) {
    issues.push_back(MakeIssue(kInvalidFormat, "must be an integer", kMaxPrice, kNoPointer, "200"));
    return;
  }
  if (*price < 1 || *price > kMaxPriceBound) {
    issues.push_back(
        MakeIssue(kInvalidData, "must be greater than or equal to 1", kMaxPrice, kNoPointer));
    return;
  }
  query.max_price = *price;
}

void ReadView(const net::WireRequest& request, bool inspiration, Issues& issues,
              DatesQuery& query) {
  const std::string* value = QueryParameter(request, kViewBy);
  query.view_defaulted = value == nullptr;
  if (value == nullptr) {
    query.view = inspiration ? DatesView::kDestination
                             : (query.one_way ? DatesView::kDate : DatesView::kDuration);
    return;
  }
  for (DatesView view : {DatesView::kDate, DatesView::kDuration, DatesView::kWeek,
                         DatesView::kDestination, DatesView::kCountry}) {
    const bool allowed =
        inspiration || (view != DatesView::kDestination && view != DatesView::kCountry);
    if (allowed && *value == DatesViewName(view)) {
      query.view = view;
      if (view == DatesView::kDuration && query.one_way) {
        issues.push_back(MakeIssue(kCombinationInvalid,
                                   "viewBy DURATION needs round trips (oneWay false)", kViewBy,
                                   kNoPointer));
      }
      return;
    }
  }
  issues.push_back(MakeIssue(kInvalidData,
                             inspiration ? "must be one of COUNTRY, DATE, DESTINATION, DURATION, "
                                           "WEEK"
                                         : "must be one of DATE, DURATION, WEEK",
                             kViewBy, kNoPointer, "DATE"));
}

DatesQueryOrIssues Read(const net::WireRequest& request, Days today, bool inspiration) {
  Issues issues;
  DatesQuery query;
  ReadLocation(request, kOrigin, issues, query.origin);
  if (!inspiration) {
    ReadLocation(request, kDestination, issues, query.destination);
    if (query.origin.valid() && query.origin == query.destination) {
      issues.push_back(MakeIssue(kCombinationInvalid, "origin and destination must differ",
                                 kDestination, kNoPointer));
    }
  }
  ReadDepartures(request, today, issues, query);
  ReadBool(request, kOneWay, issues, query.one_way, query.one_way_defaulted);
  ReadDuration(request, inspiration ? kMaxInspirationDuration : kMaxDatesDuration, issues, query);
  ReadBool(request, kNonStop, issues, query.non_stop, query.non_stop_defaulted);
  ReadMaxPrice(request, issues, query);
  ReadView(request, inspiration, issues, query);
  if (issues.empty()) {
    const int64_t days = query.departure_to - query.departure_from + 1;
    const int64_t durations = query.one_way ? 1 : query.max_duration - query.min_duration + 1;
    if (days * durations > kMaxDatesCells) {
      issues.push_back(MakeIssue(kInvalidData,
                                 "at most " + std::to_string(kMaxDatesCells) +
                                     " departure dates times durations; narrow the ranges",
                                 kDuration, kNoPointer));
    }
  }
  if (!issues.empty()) return tl::unexpected<Issues>(std::move(issues));
  return query;
}

}  // namespace

std::string_view DatesViewName(DatesView view) {
  switch (view) {
    case DatesView::kDate:
      return "DATE";
    case DatesView::kDuration:
      return "DURATION";
    case DatesView::kWeek:
      return "WEEK";
    case DatesView::kDestination:
      return "DESTINATION";
    case DatesView::kCountry:
      return "COUNTRY";
  }
  return "DATE";
}

DatesQueryOrIssues ReadFlightDatesQuery(const net::WireRequest& request, Days today) {
  return Read(request, today, /*inspiration=*/false);
}

DatesQueryOrIssues ReadFlightDestinationsQuery(const net::WireRequest& request, Days today) {
  return Read(request, today, /*inspiration=*/true);
}

}  // namespace fareflow::amadeus
