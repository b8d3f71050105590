#include "server/facade/dates_links.h"

#include <string_view>

namespace fareflow::server {
namespace {

// Letters, digits and the punctuation of "host", "host:port" and "[::1]:port".
bool IsHostText(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

std::string Date(Days day) {
  char text[10];
  FormatDate(day, text);
  return std::string(text, sizeof text);
}

std::string Bool(bool b) { return b ? "true" : "false"; }

// "&departureDate=…&oneWay=…[&duration=…]&nonStop=…[&maxPrice=…]&viewBy=…".
std::string CommonParameters(const amadeus::DatesQuery& query, amadeus::DatesView view) {
  std::string out = "&departureDate=" + DateRange(query.departure_from, query.departure_to);
  out += "&oneWay=" + Bool(query.one_way);
  if (!query.one_way) out += "&duration=" + DurationRange(query.min_duration, query.max_duration);
  out += "&nonStop=" + Bool(query.non_stop);
  if (query.max_price) out += "&maxPrice=" + std::to_string(*query.max_price);
  out += "&viewBy=";
  out += amadeus::DatesViewName(view);
  return out;
}

}  // namespace

std::string FacadeBaseUrl(const net::WireRequest& request) {
  const std::string_view host = request.Header("Host");
  const bool https = net::EqualsIgnoreCase(request.Header("X-Forwarded-Proto"), "https");
  return std::string(https ? "https://" : "http://") +
         std::string(IsHostText(host) ? host : std::string_view("localhost"));
}

std::string DateRange(Days from, Days to) {
  return from == to ? Date(from) : Date(from) + "," + Date(to);
}

std::string DurationRange(int from, int to) {
  return from == to ? std::to_string(from) : std::to_string(from) + "," + std::to_string(to);
}

std::string FlightOffersLink(const std::string& base, LocationCode origin, LocationCode destination,
                             Days departure, std::optional<Days> return_date,
                             const amadeus::DatesQuery& query, CurrencyCode currency) {
  std::string link = base + "/v2/shopping/flight-offers?originLocationCode=" + origin.str();
  link += "&destinationLocationCode=" + destination.str();
  link += "&departureDate=" + Date(departure);
  if (return_date) link += "&returnDate=" + Date(*return_date);
  link += "&adults=1&nonStop=" + Bool(query.non_stop);
  if (query.max_price) link += "&maxPrice=" + std::to_string(*query.max_price);
  link += "&currencyCode=" + currency.str();
  return link;
}

std::string FlightDatesLink(const std::string& base, const amadeus::DatesQuery& query,
                            LocationCode destination) {
  amadeus::DatesView view = query.view;
  if (view == amadeus::DatesView::kDestination || view == amadeus::DatesView::kCountry) {
    view = query.one_way ? amadeus::DatesView::kDate : amadeus::DatesView::kDuration;
  }
  return base + "/v1/shopping/flight-dates?origin=" + query.origin.str() +
         "&destination=" + destination.str() + CommonParameters(query, view);
}

std::string FlightDestinationsLink(const std::string& base, const amadeus::DatesQuery& query) {
  return base + "/v1/shopping/flight-destinations?origin=" + query.origin.str() +
         CommonParameters(query, query.view);
}

}  // namespace fareflow::server
