#include "server/routes/places_handler.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string>

#include "core/json_writer.h"
#include "refdata/airports.h"
#include "server/routes/api_error.h"

namespace fareflow::server {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// True when `lowered` (already lower case) starts `text` at `pos`, without case.
bool MatchesAt(std::string_view text, std::size_t pos, std::string_view lowered) {
  if (pos > text.size() || text.size() - pos < lowered.size()) return false;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    if (Lower(text[pos + i]) != lowered[i]) return false;
  }
  return true;
}

// True when `lowered` is a prefix of `text` or of any word in it ("heathrow" in
// "London Heathrow Airport").
bool MatchesWordPrefix(std::string_view text, std::string_view lowered) {
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const bool word_start = pos == 0 || !IsWordChar(text[pos - 1]);
    if (word_start && IsWordChar(text[pos]) && MatchesAt(text, pos, lowered)) return true;
  }
  return false;
}

// How well a place matches, best first: 0 the exact code, 1 a code prefix, 2 a prefix of one of
// `names` as a whole ("lon" of "London"), 3 a prefix of a later word ("heathrow"); -1 no match.
int MatchRank(const std::string& code, std::string_view lowered,
              std::initializer_list<std::string_view> names) {
  if (MatchesAt(code, 0, lowered)) return code.size() == lowered.size() ? 0 : 1;
  for (std::string_view name : names) {
    if (MatchesAt(name, 0, lowered)) return 2;
  }
  for (std::string_view name : names) {
    if (MatchesWordPrefix(name, lowered)) return 3;
  }
  return -1;
}

}  // namespace

std::vector<Place> FindPlaces(std::string_view query, std::size_t limit) {
  std::string lowered;
  for (char c : query) lowered.push_back(Lower(c));
  struct Ranked {
    int group;  // 0 cities, 1 large airports, 2 medium airports
    int rank;
    Place place;
  };
  std::vector<Ranked> found;
  if (lowered.empty()) return {};
  for (const refdata::MetroCity& city : refdata::AllMetroCities()) {
    const int rank = MatchRank(city.code.str(), lowered, {city.name});
    if (rank < 0) continue;
    found.push_back({0, rank, {true, city.code, city.name, city.name, city.country}});
  }
  for (const refdata::Airport& airport : refdata::AllAirports()) {
    const int rank = MatchRank(airport.code.str(), lowered, {airport.city, airport.name});
    if (rank < 0) continue;
    const int group = airport.size == refdata::AirportSize::kLarge ? 1 : 2;
    found.push_back(
        {group, rank, {false, airport.code, airport.name, airport.city, airport.country}});
  }
  // Stable: within a group and rank, places stay in code order.
  std::stable_sort(found.begin(), found.end(), [](const Ranked& a, const Ranked& b) {
    return a.group != b.group ? a.group < b.group : a.rank < b.rank;
  });
  std::vector<Place> out;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].place);
  return out;
}

net::WireResponse AnswerPlaces(const net::WireRequest& request) {
  const std::string* query = request.Query("query");
  if (query == nullptr || query->empty()) {
    return ApiError(400, "invalid_argument", "give a query, e.g. ?query=lon", "query");
  }
  std::size_t limit = kDefaultPlacesLimit;
  if (const std::string* text = request.Query("limit")) {
    const char* end = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(text->data(), end, limit);
    if (ec != std::errc() || ptr != end || limit < 1 || limit > kMaxPlacesLimit) {
      return ApiError(400, "invalid_argument",
                      "limit must be a whole number from 1 to " + std::to_string(kMaxPlacesLimit),
                      "limit");
    }
  }
  net::WireResponse response;
  {
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("places");
    w.BeginArray();
    for (const Place& place : FindPlaces(*query, limit)) {
      w.BeginObject();
      w.Key("type");
      w.PlainString(place.is_city ? "city" : "airport");
      w.Key("code");
      w.PlainString(place.code.str());
      w.Key("name");
      w.String(place.name);
      w.Key("city");
      w.String(place.city);
      w.Key("country");
      w.String(place.country);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  return response;
}

}  // namespace fareflow::server
