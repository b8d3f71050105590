#include "refdata/time_zones.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <span>

namespace fareflow::refdata {
namespace {

// A zone: its offset before the first transition (and before 2015) and its slice of
// kTransitions. After the last transition (and after 2040) the last offset holds.
struct Zone {
  std::string_view name;
  int16_t initial_offset;  // minutes east of UTC
  uint16_t first;
  uint16_t count;
};

// From `utc` on, the zone's offset is `offset`.
struct Transition {
  int32_t utc;  // minutes since epoch; 2040 is about 3.7e7, well inside int32
  int16_t offset;
};

struct Alias {
  std::string_view name;
  uint16_t zone;
};

// Row builders for the generated tables, named with one letter to keep data/*.inc short.
constexpr Zone Z(std::string_view name, int initial_offset, int first, int count) {
  return Zone{name, static_cast<int16_t>(initial_offset), static_cast<uint16_t>(first),
              static_cast<uint16_t>(count)};
}
constexpr Transition T(int32_t utc, int offset) {
  return Transition{utc, static_cast<int16_t>(offset)};
}
constexpr Alias A(std::string_view name, int zone) {
  return Alias{name, static_cast<uint16_t>(zone)};
}

constexpr Zone kZones[] = {
#define FAREFLOW_ZONES
#include "time_zones.inc"
#undef FAREFLOW_ZONES
};

constexpr Transition kTransitions[] = {
#define FAREFLOW_ZONE_TRANSITIONS
#include "time_zones.inc"
#undef FAREFLOW_ZONE_TRANSITIONS
};

constexpr Alias kAliases[] = {
#define FAREFLOW_ZONE_ALIASES
#include "time_zones.inc"
#undef FAREFLOW_ZONE_ALIASES
};

constexpr std::size_t kZoneCount = std::size(kZones);
constexpr uint16_t kNoSpan = UINT16_MAX;  // no zone: the slot holds nothing yet
static_assert(kZoneCount < kNoSpan);

static_assert(std::ranges::is_sorted(kZones, {}, &Zone::name));
static_assert(std::ranges::is_sorted(kAliases, {}, &Alias::name));
static_assert(std::ranges::all_of(kZones, [](const Zone& z) {
  std::span<const Transition> t(kTransitions + z.first, z.count);
  // Strictly increasing instants.
  return std::ranges::adjacent_find(t, std::ranges::greater_equal{}, &Transition::utc) == t.end();
}));

std::span<const Transition> TransitionsOf(const Zone& z) {
  return {kTransitions + z.first, z.count};
}

// Offset of period k of `z`: period 0 is before the first transition, period k follows
// transition k - 1.
int PeriodOffset(const Zone& z, std::span<const Transition> t, std::size_t k) {
  return k == 0 ? z.initial_offset : t[k - 1].offset;
}

}  // namespace

std::string_view TimeZoneName(uint16_t zone) {
  return zone < kZoneCount ? kZones[zone].name : std::string_view();
}

std::optional<uint16_t> FindTimeZone(std::string_view iana_name) {
  auto zone = std::ranges::lower_bound(kZones, iana_name, {}, &Zone::name);
  if (zone != std::end(kZones) && zone->name == iana_name) {
    return static_cast<uint16_t>(zone - std::begin(kZones));
  }
  auto alias = std::ranges::lower_bound(kAliases, iana_name, {}, &Alias::name);
  if (alias != std::end(kAliases) && alias->name == iana_name) return alias->zone;
  return std::nullopt;
}

int UtcOffsetAtUtc(uint16_t zone, Minutes utc) {
  if (zone >= kZoneCount) return 0;
  const Zone& z = kZones[zone];
  std::span<const Transition> t = TransitionsOf(z);
  // Number of transitions at or before `utc` = the period `utc` falls in.
  auto after =
      std::ranges::upper_bound(t, utc, {}, [](const Transition& x) { return Minutes{x.utc}; });
  return PeriodOffset(z, t, static_cast<std::size_t>(after - t.begin()));
}

Minutes LocalToUtc(uint16_t zone, Minutes local) {
  if (zone >= kZoneCount) return local;
  // Segments of a search leave and land in the same few zones within days of each other, and
  // the binary search below ran four times per segment. Each thread keeps, per zone, the last
  // span of local times that one offset converts without doubt (see `from` and `to` below): a
  // time inside it is converted without searching. The zones are static data, so a span never
  // goes stale.
  struct Span {
    uint16_t zone = kNoSpan;
    int16_t offset = 0;
    Minutes from = 0;
    Minutes to = 0;
  };
  thread_local std::array<Span, kZoneCount> spans;
  Span& span = spans[zone];
  if (span.zone == zone && local >= span.from && local < span.to) return local - span.offset;

  const Zone& z = kZones[zone];
  std::span<const Transition> t = TransitionsOf(z);
  // Period k covers UTC [t[k-1].utc, t[k].utc) and so local [t[k-1].utc + off(k),
  // t[k].utc + off(k)). The local end points increase with k (transitions are months apart), so
  // the first period whose local end lies after `local` is found by binary search; taking the
  // first one returns the earlier occurrence in an overlap.
  std::size_t lo = 0;
  std::size_t hi = t.size();  // period t.size() has no end
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (local < Minutes{t[mid].utc} + PeriodOffset(z, t, mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const std::size_t k = lo;
  const int offset = PeriodOffset(z, t, k);
  if (k > 0 && local < Minutes{t[k - 1].utc} + offset) {
    // `local` precedes the local start of period k but follows the end of period k - 1: a
    // wall time skipped by a forward jump. Use the offset before the transition.
    return local - PeriodOffset(z, t, k - 1);
  }
  // The times that convert as `local` does, without doubt: from both the local start of period
  // k and the local end of period k - 1 (before them lie a gap or an overlap), to the local end
  // of period k.
  span.zone = zone;
  span.offset = static_cast<int16_t>(offset);
  span.from = k == 0 ? std::numeric_limits<Minutes>::min()
                     : Minutes{t[k - 1].utc} + std::max(offset, PeriodOffset(z, t, k - 1));
  span.to = k == t.size() ? std::numeric_limits<Minutes>::max() : Minutes{t[k].utc} + offset;
  return local - offset;
}

}  // namespace fareflow::refdata
