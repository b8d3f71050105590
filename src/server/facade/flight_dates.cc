#include "server/facade/flight_dates.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "calendar/calendar.h"
#include "refdata/airports.h"
#include "refdata/currencies.h"
#include "server/facade/dates_links.h"
#include "server/facade/inspiration.h"
#include "suppliers/amadeus/flight_dates_writer.h"
#include "suppliers/amadeus/server/issues.h"

namespace fareflow::server {
namespace {

using amadeus::DatesQuery;
using amadeus::DatesView;

const CurrencyCode kCurrency = CurrencyCode::Parse("EUR");

// maxPrice, whole units, in minor units of kCurrency (the reader bounds it far from overflow).
int64_t MaxPriceMinor(int64_t whole) {
  int64_t minor = whole;
  for (int i = 0; i < refdata::MinorDigits(kCurrency); ++i) minor *= 10;
  return minor;
}

CalendarRequest ToCalendarRequest(const DatesQuery& query, LocationCode destination) {
  CalendarRequest request;
  request.origin = query.origin;
  request.destination = destination;
  request.departure_from = query.departure_from;
  request.departure_to = query.departure_to;
  if (!query.one_way) {
    request.min_nights = query.min_duration;
    request.max_nights = query.max_duration;
  }
  request.passengers.adults = 1;
  request.cabin = Cabin::kEconomy;
  request.currency = kCurrency;
  if (query.non_stop) request.max_stops = 0;
  if (query.max_price) request.max_price_minor = MaxPriceMinor(*query.max_price);
  request.mode = CalendarMode::kCached;
  return request;
}

// One priced cell of one destination's calendar.
struct Priced {
  LocationCode destination;
  Days departure = 0;
  std::optional<Days> return_date;
  Money price;
};

// The cell's price within the query's criteria; none when it has none.
std::optional<Money> PriceOf(const CalendarCell& cell, const DatesQuery& query) {
  const std::optional<FareQuote>& quote = query.non_stop ? cell.cheapest_nonstop : cell.cheapest;
  if (!quote) return std::nullopt;
  if (query.max_price && quote->total.minor > MaxPriceMinor(*query.max_price)) return std::nullopt;
  return quote->total;
}

// What groups a cell under `view`: the destination (or its country) and a time key.
std::pair<int64_t, int64_t> GroupOf(DatesView view, const DatesQuery& query, const Priced& p) {
  const int64_t where = p.destination.index();
  const int64_t back = p.return_date ? *p.return_date : p.departure;
  switch (view) {
    case DatesView::kDate:
      return {where, p.departure};
    case DatesView::kDuration:
      return {where, int64_t{p.departure} * 100'000 + back};
    case DatesView::kWeek:
      return {where, (p.departure - query.departure_from) / 7};
    case DatesView::kDestination:
      return {where, 0};
    case DatesView::kCountry: {
      const refdata::Airport* airport = refdata::FindAirport(p.destination);
      const refdata::MetroCity* city = refdata::FindMetroCity(p.destination);
      const std::string_view country = airport != nullptr ? airport->country
                                       : city != nullptr  ? city->country
                                                          : "";
      const int64_t key = country.size() == 2 ? country[0] * 256 + country[1] : -where;
      return {key, 0};
    }
  }
  return {where, 0};
}

// Adds the priced cells of `result` (destination `destination`) to `groups`, keeping the
// cheapest of each group (the earliest on a tie: cells come in date order).
void Collect(const CalendarResult& result, LocationCode destination, const DatesQuery& query,
             std::map<std::pair<int64_t, int64_t>, Priced>& groups) {
  for (const CalendarCell& cell : result.cells) {
    const std::optional<Money> price = PriceOf(cell, query);
    if (!price) continue;
    const Priced p{destination, cell.departure, cell.return_date, *price};
    const auto [it, added] = groups.try_emplace(GroupOf(query.view, query, p), p);
    if (!added && p.price.minor < it->second.price.minor) it->second = p;
  }
}

// How long Flight Inspiration Search goes on beginning destinations' calendars.
constexpr std::chrono::seconds kInspirationBudget{5};

// The destinations one Flight Inspiration Search prices: kMaxInspirationDestinations, or fewer
// so that the cells of all of them stay within kMaxInspirationCells.
std::size_t InspirationDestinationCount(const DatesQuery& query) {
  const int64_t days = query.departure_to - query.departure_from + 1;
  const int64_t durations = query.one_way ? 1 : query.max_duration - query.min_duration + 1;
  const auto per_destination = static_cast<std::size_t>(std::max<int64_t>(1, days * durations));
  return std::clamp<std::size_t>(kMaxInspirationCells / per_destination, 1,
                                 kMaxInspirationDestinations);
}

amadeus::DatesMeta Meta(const DatesQuery& query, const std::string& self) {
  amadeus::DatesMeta meta;
  meta.currency = kCurrency;
  meta.self = self;
  if (query.departure_defaulted) {
    meta.departure_date = DateRange(query.departure_from, query.departure_to);
  }
  if (query.one_way_defaulted) meta.one_way = query.one_way;
  if (query.duration_defaulted) {
    meta.duration = DurationRange(query.min_duration, query.max_duration);
  }
  if (query.non_stop_defaulted) meta.non_stop = query.non_stop;
  if (query.view_defaulted) meta.view_by = amadeus::DatesViewName(query.view);
  return meta;
}

net::WireResponse Answer(amadeus::DatesResource resource, const std::vector<Priced>& priced,
                         const DatesQuery& query, const std::string& base_url) {
  if (priced.empty()) {
    return amadeus::ErrorResponse(404, amadeus::kItemNotFound, "No cached price matches the query");
  }
  const bool dates = resource == amadeus::DatesResource::kFlightDate;
  std::vector<amadeus::DatesItem> items;
  items.reserve(priced.size());
  // flight-dates items all share their flight-destinations link.
  const std::string destinations_link = dates ? FlightDestinationsLink(base_url, query) : "";
  for (const Priced& p : priced) {
    amadeus::DatesItem& item = items.emplace_back();
    item.origin = query.origin;
    item.destination = p.destination;
    item.departure = p.departure;
    item.return_date = p.return_date;
    item.price = p.price;
    item.other_search_link =
        dates ? destinations_link : FlightDatesLink(base_url, query, p.destination);
    item.offers_link = FlightOffersLink(base_url, query.origin, p.destination, p.departure,
                                        p.return_date, query, kCurrency);
  }
  const std::string self = dates ? FlightDatesLink(base_url, query, query.destination)
                                 : FlightDestinationsLink(base_url, query);
  net::WireResponse response;
  response.content_type = std::string(amadeus::kAmadeusJson);
  amadeus::WriteFlightDatesResponse(resource, items, Meta(query, self), response.body);
  return response;
}

net::WireResponse NoCalendar() {
  return amadeus::ErrorResponse(500, amadeus::kSystemError,
                                "the price calendar is not running on this server");
}

}  // namespace

net::WireResponse AnswerFlightDates(const DatesQuery& query, const ApiServices& services,
                                    const std::string& base_url,
                                    std::chrono::steady_clock::time_point deadline_cap) {
  if (services.calendar == nullptr) return NoCalendar();
  const CalendarResult result =
      services.calendar->Run(ToCalendarRequest(query, query.destination), deadline_cap);
  std::map<std::pair<int64_t, int64_t>, Priced> groups;
  Collect(result, query.destination, query, groups);
  std::vector<Priced> priced;
  priced.reserve(groups.size());
  for (auto& [key, p] : groups) priced.push_back(p);
  std::ranges::sort(priced, [](const Priced& a, const Priced& b) {
    return a.departure != b.departure
               ? a.departure < b.departure
               : a.return_date.value_or(a.departure) < b.return_date.value_or(b.departure);
  });
  return Answer(amadeus::DatesResource::kFlightDate, priced, query, base_url);
}

net::WireResponse AnswerFlightDestinations(const DatesQuery& query, const ApiServices& services,
                                           const std::string& base_url,
                                           std::chrono::steady_clock::time_point deadline_cap) {
  if (services.calendar == nullptr) return NoCalendar();
  const auto stop = std::chrono::steady_clock::now() + kInspirationBudget;
  std::map<std::pair<int64_t, int64_t>, Priced> groups;
  for (LocationCode destination :
       InspirationDestinations(query.origin, InspirationDestinationCount(query))) {
    // No calendar is begun past the budget, and none is cut short by it: a cell cut short is a
    // supplier timeout, which would count against the supplier's circuit breaker.
    if (std::chrono::steady_clock::now() >= stop) break;
    const CalendarResult result =
        services.calendar->Run(ToCalendarRequest(query, destination), deadline_cap);
    Collect(result, destination, query, groups);
  }
  std::vector<Priced> priced;
  priced.reserve(groups.size());
  for (auto& [key, p] : groups) priced.push_back(p);
  std::ranges::sort(priced, [](const Priced& a, const Priced& b) {
    if (a.price.minor != b.price.minor) return a.price.minor < b.price.minor;
    if (a.destination != b.destination) return a.destination.index() < b.destination.index();
    return a.departure < b.departure;
  });
  return Answer(amadeus::DatesResource::kFlightDestination, priced, query, base_url);
}

}  // namespace fareflow::server
