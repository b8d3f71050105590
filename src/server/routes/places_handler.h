#ifndef FAREFLOW_SERVER_ROUTES_PLACES_HANDLER_H_
#define FAREFLOW_SERVER_ROUTES_PLACES_HANDLER_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "net/wire_exchange.h"

namespace fareflow::server {

inline constexpr std::size_t kDefaultPlacesLimit = 10;
inline constexpr std::size_t kMaxPlacesLimit = 50;

// A metro city or an airport a search can name. Strings view static reference data.
struct Place {
  bool is_city = false;
  LocationCode code;
  std::string_view name;     // "London" or "London Heathrow Airport"
  std::string_view city;     // the city's own name, or the airport's municipality
  std::string_view country;  // ISO 3166-1 alpha-2
};

// Places matching `query` without case: by IATA code prefix, or a prefix of the city or airport
// name or of any word in it. Metro cities first, then airports, large before medium; within
// each, the exact code first, then code prefixes, then name prefixes, then word prefixes, each
// in code order. At most `limit` places. Thread-safe.
std::vector<Place> FindPlaces(std::string_view query, std::size_t limit);

// GET /v1/places?query=lon&limit=10: {"places":[{"type":"city"|"airport","code","name","city",
// "country"}]}. A missing or empty query, or a limit outside 1..50, is a 400 naming the
// parameter. Thread-safe.
net::WireResponse AnswerPlaces(const net::WireRequest& request);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_PLACES_HANDLER_H_
