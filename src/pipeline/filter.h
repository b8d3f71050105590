#ifndef FAREFLOW_PIPELINE_FILTER_H_
#define FAREFLOW_PIPELINE_FILTER_H_

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/codes.h"
#include "model/offer.h"
#include "model/search_request.h"
#include "pipeline/selection.h"

namespace fareflow {

// Filters compiled once per query into lookup tables, so that the per-offer check only reads
// precomputed offer fields and tests bits. Immutable after construction; safe to share between
// threads. Semantics, per field of Filters (see model/search_request.h):
//
// - max_stops / slice_max_stops[i]: Slice::stops (connections plus technical stops) of slice i is
//   at most slice_max_stops[i] when that is set, else max_stops.
// - max_connections (the request's, applied as a filter too): every slice has at most that many
//   connections (segments - 1; technical stops do not count).
// - include_airlines: every segment's marketing carrier is in the list.
// - exclude_airlines: no segment's marketing or operating carrier is in the list.
// - include_alliances: every segment's marketing carrier belongs to one of them
//   (refdata::FindAirline(code)->alliance; an unknown or invalid code counts as Alliance::kNone).
// - exclude_alliances: no segment's marketing carrier belongs to one of them (same lookup).
// - departure_windows[i] / arrival_windows[i]: the local time of day of slice i's departure /
//   arrival lies in the window, both ends inclusive; a window with from_minute > to_minute wraps
//   past midnight (22:00-02:00 accepts 23:30 and 01:00). Windows past the last slice are ignored.
// - max_duration_minutes: every slice's duration_minutes is at most this.
// - max_price_minor: total_requested.minor is at most this.
// - checked_bag_included: bags.IncludesChecked().
// - layover_airports_include: every layover's arrival and departure airports are in the list
//   (offers without connections pass).
// - layover_airports_exclude: no layover's arrival or departure airport is in the list.
// - min_layover_minutes / max_layover_minutes: every layover's minutes lie within the bounds.
// - no_airport_change: airport_changes == 0.
// - max_co2_kg: co2_grams <= max_co2_kg * 1000.
class CompiledFilter {
 public:
  CompiledFilter(const Filters& filters, std::optional<int> max_connections);
  CompiledFilter(const CompiledFilter&) = delete;
  CompiledFilter& operator=(const CompiledFilter&) = delete;

  // True when `offer` passes every filter.
  bool Matches(const Offer& offer) const;

  // Indices (ascending) of the offers that pass.
  Selection Apply(std::span<Offer* const> offers) const;

 private:
  // Bit index of a code; invalid (or out-of-range) codes share the extra last bit.
  static std::size_t Bit(AirlineCode c) { return std::min(c.index(), AirlineCode::kSpace); }
  static std::size_t Bit(LocationCode c) { return std::min(c.index(), LocationCode::kSpace); }

  bool SliceMatches(const Slice& slice, std::size_t index) const;

  using AirlineSet = std::bitset<AirlineCode::kSpace + 1>;
  using AirportSet = std::bitset<LocationCode::kSpace + 1>;

  // Per-slice limits; index past the end = no limit beyond the "every slice" ones.
  std::vector<int> slice_max_stops_;  // -1: none
  std::vector<std::optional<TimeWindow>> departure_windows_;
  std::vector<std::optional<TimeWindow>> arrival_windows_;
  std::optional<int> max_stops_;
  std::optional<int> max_connections_;
  std::optional<int> max_duration_minutes_;
  std::optional<int64_t> max_price_minor_;
  std::optional<int64_t> max_co2_grams_;
  std::optional<int> min_layover_minutes_;
  std::optional<int> max_layover_minutes_;
  bool checked_bag_included_ = false;
  bool no_airport_change_ = false;

  // Marketing carriers allowed by include/exclude airlines and alliances together.
  bool check_marketing_ = false;
  AirlineSet marketing_allowed_;
  // Operating carriers excluded by exclude_airlines.
  bool check_operating_ = false;
  AirlineSet operating_excluded_;

  bool check_layover_include_ = false;
  bool check_layover_exclude_ = false;
  // Heap-allocated: 2.2 KB each, too much for a stack-constructed object to carry twice.
  std::unique_ptr<AirportSet> layover_included_;
  std::unique_ptr<AirportSet> layover_excluded_;

  bool check_segments_ = false;  // any of the carrier checks
  bool check_layovers_ = false;  // any of the layover checks
  // Any check that needs the slices; without one, Matches reads the offer alone (max_stops is
  // then offer.max_slice_stops), which spares a pointer chase per offer.
  bool check_slices_ = false;
};

// Compiles `filters` and applies them to `offers`: the indices (ascending) of those that pass.
Selection ApplyFilters(std::span<Offer* const> offers, const Filters& filters,
                       std::optional<int> max_connections);

}  // namespace fareflow

#endif  // FAREFLOW_PIPELINE_FILTER_H_
