#include "pipeline/filter.h"

#include <algorithm>

#include "core/datetime.h"
#include "refdata/airlines.h"

namespace fareflow {
namespace {

refdata::Alliance AllianceOf(AirlineCode code) {
  const refdata::Airline* airline = code.valid() ? refdata::FindAirline(code) : nullptr;
  return airline ? airline->alliance : refdata::Alliance::kNone;
}

bool Contains(const std::vector<refdata::Alliance>& list, refdata::Alliance a) {
  return std::find(list.begin(), list.end(), a) != list.end();
}

bool InWindow(const TimeWindow& w, Minutes local) {
  const int m = MinuteOfDay(local);
  if (w.from_minute <= w.to_minute) return m >= w.from_minute && m <= w.to_minute;
  return m >= w.from_minute || m <= w.to_minute;  // wraps past midnight
}

}  // namespace

CompiledFilter::CompiledFilter(const Filters& f, std::optional<int> max_connections)
    : departure_windows_(f.departure_windows),
      arrival_windows_(f.arrival_windows),
      max_stops_(f.max_stops),
      max_connections_(max_connections),
      max_duration_minutes_(f.max_duration_minutes),
      max_price_minor_(f.max_price_minor),
      min_layover_minutes_(f.min_layover_minutes),
      max_layover_minutes_(f.max_layover_minutes),
      checked_bag_included_(f.checked_bag_included),
      no_airport_change_(f.no_airport_change) {
  slice_max_stops_.reserve(f.slice_max_stops.size());
  for (const std::optional<int>& s : f.slice_max_stops) slice_max_stops_.push_back(s ? *s : -1);
  if (f.max_co2_kg) max_co2_grams_ = int64_t{*f.max_co2_kg} * 1000;

  // Marketing carriers: one bit per possible code, combining all four carrier lists.
  check_marketing_ = !f.include_airlines.empty() || !f.exclude_airlines.empty() ||
                     !f.include_alliances.empty() || !f.exclude_alliances.empty();
  if (check_marketing_) {
    AirlineSet included;
    for (AirlineCode c : f.include_airlines) included.set(Bit(c));
    AirlineSet excluded;
    for (AirlineCode c : f.exclude_airlines) excluded.set(Bit(c));
    const bool by_alliance = !f.include_alliances.empty() || !f.exclude_alliances.empty();
    for (std::size_t i = 0; i <= AirlineCode::kSpace; ++i) {
      if (!f.include_airlines.empty() && !included.test(i)) continue;
      if (excluded.test(i)) continue;
      if (by_alliance) {
        const AirlineCode code = i < AirlineCode::kSpace
                                     ? AirlineCode::FromIndex(static_cast<uint16_t>(i))
                                     : AirlineCode();
        const refdata::Alliance a = AllianceOf(code);
        if (!f.include_alliances.empty() && !Contains(f.include_alliances, a)) continue;
        if (Contains(f.exclude_alliances, a)) continue;
      }
      marketing_allowed_.set(i);
    }
  }
  check_operating_ = !f.exclude_airlines.empty();
  for (AirlineCode c : f.exclude_airlines) operating_excluded_.set(Bit(c));
  check_segments_ = check_marketing_ || check_operating_;

  check_layover_include_ = !f.layover_airports_include.empty();
  if (check_layover_include_) {
    layover_included_ = std::make_unique<AirportSet>();
    for (LocationCode c : f.layover_airports_include) layover_included_->set(Bit(c));
  }
  check_layover_exclude_ = !f.layover_airports_exclude.empty();
  if (check_layover_exclude_) {
    layover_excluded_ = std::make_unique<AirportSet>();
    for (LocationCode c : f.layover_airports_exclude) layover_excluded_->set(Bit(c));
  }
  check_layovers_ = check_layover_include_ || check_layover_exclude_ ||
                    min_layover_minutes_.has_value() || max_layover_minutes_.has_value();
  const auto set = [](const auto& w) { return w.has_value(); };
  check_slices_ =
      check_segments_ || check_layovers_ || max_connections_.has_value() ||
      max_duration_minutes_.has_value() ||
      std::any_of(slice_max_stops_.begin(), slice_max_stops_.end(), [](int s) { return s >= 0; }) ||
      std::any_of(departure_windows_.begin(), departure_windows_.end(), set) ||
      std::any_of(arrival_windows_.begin(), arrival_windows_.end(), set);
}

bool CompiledFilter::SliceMatches(const Slice& slice, std::size_t index) const {
  const int stop_limit = index < slice_max_stops_.size() && slice_max_stops_[index] >= 0
                             ? slice_max_stops_[index]
                             : max_stops_.value_or(-1);
  if (stop_limit >= 0 && slice.stops > stop_limit) return false;
  if (max_connections_ && static_cast<int64_t>(slice.segments.size()) - 1 > *max_connections_) {
    return false;
  }
  if (max_duration_minutes_ && slice.duration_minutes > *max_duration_minutes_) return false;
  if (index < departure_windows_.size() && departure_windows_[index] &&
      !InWindow(*departure_windows_[index], slice.departure_local)) {
    return false;
  }
  if (index < arrival_windows_.size() && arrival_windows_[index] &&
      !InWindow(*arrival_windows_[index], slice.arrival_local)) {
    return false;
  }
  if (check_segments_) {
    for (const Segment& s : slice.segments) {
      if (check_marketing_ && !marketing_allowed_.test(Bit(s.marketing_carrier))) return false;
      if (check_operating_ && operating_excluded_.test(Bit(s.operating_carrier))) return false;
    }
  }
  if (check_layovers_) {
    for (const Layover& l : slice.layovers) {
      if (min_layover_minutes_ && l.minutes < *min_layover_minutes_) return false;
      if (max_layover_minutes_ && l.minutes > *max_layover_minutes_) return false;
      if (check_layover_include_ && !(layover_included_->test(Bit(l.arrival_airport)) &&
                                      layover_included_->test(Bit(l.departure_airport)))) {
        return false;
      }
      if (check_layover_exclude_ && (layover_excluded_->test(Bit(l.arrival_airport)) ||
                                     layover_excluded_->test(Bit(l.departure_airport)))) {
        return false;
      }
    }
  }
  return true;
}

bool CompiledFilter::Matches(const Offer& offer) const {
  if (max_price_minor_ && offer.total_requested.minor > *max_price_minor_) return false;
  if (max_co2_grams_ && offer.co2_grams > *max_co2_grams_) return false;
  if (checked_bag_included_ && !offer.bags.IncludesChecked()) return false;
  if (no_airport_change_ && offer.airport_changes != 0) return false;
  if (!check_slices_) return !max_stops_ || offer.max_slice_stops <= *max_stops_;
  for (std::size_t i = 0; i < offer.slices.size(); ++i) {
    if (!SliceMatches(offer.slices[i], i)) return false;
  }
  return true;
}

Selection CompiledFilter::Apply(std::span<Offer* const> offers) const {
  Selection selected;
  selected.reserve(offers.size());
  // The offers, and their slices, are asked for ahead of the check (kOffersAhead in
  // selection.h says why; the slices are those of the offer halfway there, whose own fields were
  // asked for kOffersAhead / 2 offers ago).
  const std::size_t n = offers.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kOffersAhead < n) __builtin_prefetch(offers[i + kOffersAhead]);
    if (check_slices_ && i + kOffersAhead / 2 < n) {
      // A hint, which never faults: an empty span's pointer is as harmless as any.
      __builtin_prefetch(offers[i + kOffersAhead / 2]->slices.data());
    }
    if (Matches(*offers[i])) selected.push_back(static_cast<uint32_t>(i));
  }
  return selected;
}

Selection ApplyFilters(std::span<Offer* const> offers, const Filters& filters,
                       std::optional<int> max_connections) {
  return CompiledFilter(filters, max_connections).Apply(offers);
}

}  // namespace fareflow
