#ifndef FAREFLOW_MODEL_SEARCH_REQUEST_H_
#define FAREFLOW_MODEL_SEARCH_REQUEST_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/codes.h"
#include "core/datetime.h"
#include "core/result.h"
#include "model/cabin.h"
#include "refdata/airlines.h"

namespace fareflow {

inline constexpr int kMaxSlices = 6;
inline constexpr int kMaxPassengers = 9;

// One leg the traveller asks for. Origin and destination may be airport or metro city codes.
struct SliceRequest {
  LocationCode origin;
  LocationCode destination;
  Days departure_date = 0;
};

struct Passengers {
  int adults = 1;
  std::vector<int> child_ages;  // one entry per child, 2..17
  int infants = 0;              // under 2, on an adult's lap

  int children() const { return static_cast<int>(child_ages.size()); }
  int total() const { return adults + children() + infants; }
};

// A window of local times of day, in minutes after midnight, inclusive. Absent means any.
struct TimeWindow {
  int from_minute = 0;
  int to_minute = 24 * 60 - 1;
};

// Parses "HH:MM-HH:MM" into a TimeWindow; a window may wrap past midnight ("22:00-06:00").
Result<TimeWindow> ParseTimeWindow(std::string_view text);

// Filters applied to the deduplicated offers. Every field is optional; an empty filter matches
// every offer.
struct Filters {
  std::optional<int> max_stops;                      // on every slice
  std::vector<std::optional<int>> slice_max_stops;   // per slice index, overrides max_stops
  std::vector<AirlineCode> include_airlines;         // every segment's marketing carrier in the set
  std::vector<AirlineCode> exclude_airlines;         // no segment's marketing or operating carrier
  std::vector<refdata::Alliance> include_alliances;  // every marketing carrier in one of them
  std::vector<refdata::Alliance> exclude_alliances;
  std::vector<std::optional<TimeWindow>> departure_windows;  // per slice index
  std::vector<std::optional<TimeWindow>> arrival_windows;    // per slice index
  std::optional<int> max_duration_minutes;                   // on every slice
  std::optional<int64_t> max_price_minor;                    // total, requested currency
  bool checked_bag_included = false;
  std::vector<LocationCode> layover_airports_include;  // every connection in the set
  std::vector<LocationCode> layover_airports_exclude;  // no connection in the set
  std::optional<int> min_layover_minutes;
  std::optional<int> max_layover_minutes;
  bool no_airport_change = false;
  std::optional<int> max_co2_kg;  // per passenger

  bool empty() const;
};

enum class SortKey : uint8_t { kBest, kCheapest, kFastest, kEarliestDeparture, kLatestArrival };

// "best", "cheapest", "fastest", "earliest_departure", "latest_arrival".
std::string_view SortKeyName(SortKey k);
std::optional<SortKey> ParseSortKey(std::string_view s);

inline constexpr int kDefaultLimit = 20;

// How a search uses the cache of supplier answers (docs/api.md, "Cache").
enum class CacheMode : uint8_t {
  kPrefer,   // a fresh cached answer stands in for the call; a stale one too, refreshed behind
  kRefresh,  // call the supplier and store its answer; the cache only when the budget is spent
  kBypass,   // call the supplier; the cache is neither read nor written
  kOnly,     // never call: the cache or nothing (a price calendar's `cached` mode; not in v1)
};

// "prefer", "refresh", "bypass", "only".
std::string_view CacheModeName(CacheMode m);
// The modes a v1 request may ask for: "prefer", "refresh", "bypass".
std::optional<CacheMode> ParseCacheMode(std::string_view s);

// How an answer writes its offers (docs/api.md, "Compact answers"): whole, or referring to
// dictionaries written once. Not part of the query: pages of either form share cursors.
enum class AnswerForm : uint8_t { kFull, kCompact };

struct SearchRequest {
  std::vector<SliceRequest> slices;
  Passengers passengers;
  Cabin cabin = Cabin::kEconomy;
  CurrencyCode currency = CurrencyCode::Parse("EUR");
  std::optional<int> max_connections;  // asked of suppliers; also applied as a filter
  Filters filters;
  SortKey sort = SortKey::kBest;
  int limit = kDefaultLimit;  // 0 = no limit: the whole result set
  std::string cursor;         // opaque, from a previous page
  // How long the client lets suppliers take; absent = the service's default. The service caps
  // it (configuration, and the time left of a Lambda invocation).
  std::optional<int> deadline_ms;
  CacheMode cache = CacheMode::kPrefer;
  std::optional<AnswerForm> answer_form;  // absent: as the Accept header asks, else full
};

inline constexpr int kMinDeadlineMs = 100;
inline constexpr int kMaxDeadlineMs = 120'000;

}  // namespace fareflow

#endif  // FAREFLOW_MODEL_SEARCH_REQUEST_H_
