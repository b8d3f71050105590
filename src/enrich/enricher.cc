#include "enrich/enricher.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/datetime.h"
#include "enrich/co2_estimate.h"
#include "enrich/dedupe_key.h"
#include "enrich/facet_fields.h"
#include "refdata/airports.h"
#include "refdata/time_zones.h"

namespace fareflow {
namespace {

// A segment longer than this is a supplier error, not a flight (the longest scheduled flights
// take about 19 hours).
constexpr int32_t kMaxSegmentMinutes = 30 * 60;
// A connection longer than this is treated as a broken itinerary rather than a layover.
constexpr int32_t kMaxLayoverMinutes = 7 * 24 * 60;
// The range of UTC offsets kept anywhere (UTC-12 to UTC+14).
constexpr int32_t kMinUtcOffsetMinutes = -12 * 60;
constexpr int32_t kMaxUtcOffsetMinutes = 14 * 60;

bool RealOffset(Minutes offset) {
  return offset >= kMinUtcOffsetMinutes && offset <= kMaxUtcOffsetMinutes;
}

// The time zone of an airport: the reference data's, else the one the supplier named.
uint16_t ZoneOf(const refdata::Airport* airport, uint16_t supplier_zone) {
  return airport != nullptr ? airport->time_zone : supplier_zone;
}

// The great-circle distance between two airports in whole kilometres, as DistanceKm rounds it.
// A search's offers fly the same few airport pairs over and over, and the sines, cosines and arc
// sine of each segment weighed more than any other enrichment step; airports are static data, so
// the distance of a pair never changes and a small direct-mapped cache per thread (a slot per
// hash of the pair, overwritten on collision) answers nearly every segment.
int32_t RoundedDistanceKm(const refdata::Airport& from, const refdata::Airport& to) {
  struct Slot {
    uint32_t pair = UINT32_MAX;  // no pair: 17,576 squared is below it
    int32_t km = 0;
  };
  constexpr int kBits = 10;
  thread_local std::array<Slot, std::size_t{1} << kBits> cache;
  const uint32_t pair =
      uint32_t{from.code.index()} * LocationCode::kSpace + uint32_t{to.code.index()};
  Slot& slot = cache[(pair * 2654435761u) >> (32 - kBits)];  // Fibonacci hashing
  if (slot.pair != pair) {
    slot.pair = pair;
    slot.km = static_cast<int32_t>(refdata::DistanceKm(from, to) + 0.5);
  }
  return slot.km;
}

// Resolves UTC times and the elapsed duration of one segment. Where neither the reference data
// nor the supplier knows an endpoint's zone, the supplier's stated duration bridges the gap.
// Where both zones are known and the stated duration disagrees with them, the supplier's
// duration is used (our zone, or theirs, may be wrong; an offer is not lost to our data) and
// the airports of the reference data are counted; `disputed` is then set. Dropped is only what
// is impossible whichever source is right: with a usable stated duration, local times that no
// real UTC offset at one end fits while our zone holds at the other (the supplier's reading
// then needs both our zones wrong, or an offset nowhere kept); without one, a negative or
// over-long duration by the zones.
std::optional<DropReason> EnrichSegment(Segment& s, ZoneDisagreements* disagreements,
                                        bool& disputed) {
  const refdata::Airport* from = refdata::FindAirport(s.origin);
  const refdata::Airport* to = refdata::FindAirport(s.destination);
  const uint16_t from_zone = ZoneOf(from, s.supplier_origin_zone);
  const uint16_t to_zone = ZoneOf(to, s.supplier_destination_zone);
  const bool from_known = from_zone != kNoTimeZone;
  const bool to_known = to_zone != kNoTimeZone;

  s.departure_utc =
      from_known ? refdata::LocalToUtc(from_zone, s.departure_local) : s.departure_local;
  s.arrival_utc = to_known ? refdata::LocalToUtc(to_zone, s.arrival_local) : s.arrival_local;
  const int32_t stated = s.supplier_duration_minutes;
  if (from_known && to_known && stated >= 0 && stated <= kMaxSegmentMinutes &&
      s.arrival_utc - s.departure_utc != stated) {
    // The destination's offset minus the origin's, as the supplier's duration has it.
    const Minutes offset_change = (s.arrival_local - s.departure_local) - stated;
    const Minutes from_offset = s.departure_local - s.departure_utc;  // by our zone
    const Minutes to_offset = s.arrival_local - s.arrival_utc;        // by our zone
    if (!RealOffset(from_offset + offset_change) && !RealOffset(to_offset - offset_change)) {
      return DropReason::kInconsistent;
    }
    s.arrival_utc = s.departure_utc + stated;
    disputed = true;
    if (disagreements != nullptr) {
      if (from != nullptr) disagreements->Add(s.origin);
      if (to != nullptr) disagreements->Add(s.destination);
    }
  } else if (s.supplier_duration_minutes >= 0 && from_known != to_known) {
    if (from_known) {
      s.arrival_utc = s.departure_utc + s.supplier_duration_minutes;
    } else {
      s.departure_utc = s.arrival_utc - s.supplier_duration_minutes;
    }
  } else if (s.supplier_duration_minutes >= 0 && !from_known && !to_known) {
    s.arrival_utc = s.departure_utc + s.supplier_duration_minutes;
  }
  const Minutes duration = s.arrival_utc - s.departure_utc;
  if (duration < 0 || duration > kMaxSegmentMinutes) return DropReason::kInconsistent;
  s.duration_minutes = static_cast<int32_t>(duration);

  s.distance_km = (from != nullptr && to != nullptr) ? RoundedDistanceKm(*from, *to) : 0;
  if (!s.operating_carrier.valid()) s.operating_carrier = s.marketing_carrier;
  s.codeshare = s.operating_carrier != s.marketing_carrier;
  return std::nullopt;
}

// Up to this many segments of a slice remember whether their zones were disputed; a longer
// slice (none is flown) falls back to the zones for its later connections.
constexpr std::size_t kMaxDisputedSegments = 64;

std::optional<DropReason> EnrichSlice(Slice& slice, Arena& arena,
                                      ZoneDisagreements* disagreements) {
  if (slice.segments.empty()) return DropReason::kInconsistent;
  int16_t technical_stops = 0;
  uint64_t disputed_segments = 0;  // bit i: segment i's stated duration overruled the zones
  for (std::size_t i = 0; i < slice.segments.size(); ++i) {
    Segment& s = slice.segments[i];
    bool disputed = false;
    if (auto drop = EnrichSegment(s, disagreements, disputed)) return drop;
    if (disputed && i < kMaxDisputedSegments) disputed_segments |= uint64_t{1} << i;
    technical_stops =
        static_cast<int16_t>(technical_stops + std::max<int16_t>(0, s.technical_stops));
  }
  const std::size_t connections = slice.segments.size() - 1;
  Layover* layovers = arena.AllocateArray<Layover>(connections);
  bool airport_change = false;
  for (std::size_t i = 0; i < connections; ++i) {
    const Segment& in = slice.segments[i];
    Segment& out = slice.segments[i + 1];
    Layover& l = layovers[i];
    l = Layover{};
    l.arrival_airport = in.destination;
    l.departure_airport = out.origin;
    Minutes minutes = out.departure_utc - in.arrival_utc;
    const bool disputed = i + 1 < kMaxDisputedSegments && ((disputed_segments >> i) & 3) != 0;
    if ((minutes < 0 || minutes > kMaxLayoverMinutes) && disputed && in.destination == out.origin) {
      // The zone of the connecting airport is in doubt: its wall clock measures the connection,
      // and the rest of the slice follows the supplier's times from there.
      const Minutes shift = out.departure_local - in.arrival_local - minutes;
      out.departure_utc += shift;
      out.arrival_utc += shift;
      minutes += shift;
    }
    if (minutes < 0 || minutes > kMaxLayoverMinutes) return DropReason::kInconsistent;
    l.minutes = static_cast<int32_t>(minutes);
    // Both times are local to the connecting airport (or airports, on a change within a city).
    l.overnight = DayOf(out.departure_local) != DayOf(in.arrival_local);
    l.change_of_airport = in.destination != out.origin;
    airport_change = airport_change || l.change_of_airport;
  }
  slice.layovers = {layovers, connections};

  const Segment& first = slice.segments.front();
  const Segment& last = slice.segments.back();
  slice.origin = first.origin;
  slice.destination = last.destination;
  slice.departure_local = first.departure_local;
  slice.arrival_local = last.arrival_local;
  slice.departure_utc = first.departure_utc;
  slice.arrival_utc = last.arrival_utc;
  slice.duration_minutes = static_cast<int32_t>(last.arrival_utc - first.departure_utc);
  slice.stops = static_cast<int16_t>(connections + static_cast<std::size_t>(technical_stops));
  slice.arrival_day_offset =
      static_cast<int16_t>(DayOf(last.arrival_local) - DayOf(first.departure_local));
  slice.has_airport_change = airport_change;
  return std::nullopt;
}

bool Contains(const std::vector<LocationCode>& set, LocationCode code) {
  return std::find(set.begin(), set.end(), code) != set.end();
}

}  // namespace

Enricher::Enricher(const SearchRequest& request, const refdata::FxRates& fx)
    : currency_(request.currency),
      fx_(&fx),
      adults_(std::max(1, request.passengers.adults)),
      passengers_(std::max(1, request.passengers.adults + request.passengers.children())) {
  for (const SliceRequest& s : request.slices) {
    auto from = refdata::ExpandLocation(s.origin);
    auto to = refdata::ExpandLocation(s.destination);
    origins_.emplace_back(from.begin(), from.end());
    destinations_.emplace_back(to.begin(), to.end());
    // An unknown code cannot be checked; accept the code itself so that offers naming it pass.
    if (origins_.back().empty()) origins_.back().push_back(s.origin);
    if (destinations_.back().empty()) destinations_.back().push_back(s.destination);
  }
}

std::optional<DropReason> Enricher::Enrich(Offer& offer, Arena& arena,
                                           ZoneDisagreements* disagreements) const {
  if (offer.slices.empty()) return DropReason::kInconsistent;
  if (!origins_.empty()) {
    if (offer.slices.size() != origins_.size()) return DropReason::kRouteMismatch;
  }

  int32_t total_duration = 0;
  int16_t total_stops = 0;
  int16_t max_stops = 0;
  int16_t airport_changes = 0;
  int64_t co2_estimate = 0;
  const Segment* longest = nullptr;
  for (std::size_t i = 0; i < offer.slices.size(); ++i) {
    Slice& slice = offer.slices[i];
    if (auto drop = EnrichSlice(slice, arena, disagreements)) return drop;
    if (!origins_.empty() &&
        (!Contains(origins_[i], slice.origin) || !Contains(destinations_[i], slice.destination))) {
      return DropReason::kRouteMismatch;
    }
    total_duration += slice.duration_minutes;
    total_stops = static_cast<int16_t>(total_stops + slice.stops);
    max_stops = std::max(max_stops, slice.stops);
    for (const Layover& l : slice.layovers) airport_changes += l.change_of_airport ? 1 : 0;
    for (const Segment& s : slice.segments) {
      if (longest == nullptr || s.duration_minutes > longest->duration_minutes) longest = &s;
      Cabin cabin = s.cabin != Cabin::kUnknown ? s.cabin : offer.cabin;
      co2_estimate += EstimateSegmentCo2Grams(s.distance_km, cabin);
    }
  }
  offer.total_duration_minutes = total_duration;
  offer.total_stops = total_stops;
  offer.max_slice_stops = max_stops;
  offer.airport_changes = airport_changes;
  if (offer.cabin == Cabin::kUnknown && longest != nullptr) offer.cabin = longest->cabin;
  if (offer.fare_brand.empty()) offer.fare_brand = offer.slices.front().fare_brand;

  // Prices in the requested currency. An adult's share comes from the supplier's per-passenger
  // breakdown when there is one, else the total split evenly over the seated passengers.
  auto total = fx_->Convert(offer.total, currency_);
  if (!total) return DropReason::kBadValue;
  offer.total_requested = *total;
  offer.per_adult_requested = Money{DivideRounded(total->minor, passengers_), currency_};
  for (const PassengerPrice& p : offer.passenger_prices) {
    if (p.type == PassengerType::kAdult && p.total_each.currency.valid()) {
      if (auto each = fx_->Convert(p.total_each, currency_)) offer.per_adult_requested = *each;
      break;
    }
  }

  if (offer.supplier_co2_grams >= 0) {
    offer.co2_grams = offer.supplier_co2_grams;
    offer.co2_estimated = false;
  } else {
    offer.co2_grams = static_cast<int32_t>(std::min<int64_t>(co2_estimate, INT32_MAX));
    offer.co2_estimated = true;
  }

  offer.dedupe_key = ComputeDedupeKey(offer);
  PrecomputeFacetFields(offer);
  return std::nullopt;
}

}  // namespace fareflow
