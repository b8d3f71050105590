#include "store/snapshot_request.h"

#include <optional>
#include <string>
#include <vector>

#include "core/datetime.h"

namespace fareflow {
namespace {

// The numbering of enums is part of the snapshot format: renumbering one breaks stored
// snapshots, so it needs a new format version.
static_assert(static_cast<int>(Cabin::kFirst) == 4);
static_assert(static_cast<int>(SortKey::kLatestArrival) == 4);
static_assert(static_cast<int>(refdata::Alliance::kSkyTeam) == 3);

constexpr Days kFirstDate = DaysFromCivil(1900, 1, 1);
constexpr Days kLastDate = DaysFromCivil(9999, 12, 31);
constexpr int kMinutesPerDay = 24 * 60;

void WriteOptional(const std::optional<int>& v, ByteWriter& w) {
  w.Bool(v.has_value());
  if (v) w.I32(*v);
}

std::optional<int> ReadOptional(ByteReader& r, std::string_view what) {
  if (!r.Bool(what)) return std::nullopt;
  return r.I32(what);
}

template <typename Code>
void WriteCodes(const std::vector<Code>& codes, ByteWriter& w) {
  w.U32(static_cast<uint32_t>(codes.size()));
  for (Code c : codes) w.Raw(c.str());
}

// A code written as its letters (`width` of them); "???" or "??" for an unset code.
template <typename Code>
Code ReadCode(ByteReader& r, std::size_t width, std::string_view what) {
  const std::string_view letters = r.Raw(width, what);
  if (!r.ok()) return Code();
  const Code code = Code::Parse(letters);
  if (!code.valid() && letters.find_first_not_of('?') != std::string_view::npos) {
    r.Fail(std::string(what) + " is not a code: \"" + std::string(letters) + "\"");
  }
  return code;
}

template <typename Code>
std::vector<Code> ReadCodes(ByteReader& r, std::size_t width, std::string_view what) {
  std::vector<Code> codes(r.Count(what, width));
  for (Code& c : codes) c = ReadCode<Code>(r, width, what);
  return codes;
}

void WriteAlliances(const std::vector<refdata::Alliance>& alliances, ByteWriter& w) {
  w.U32(static_cast<uint32_t>(alliances.size()));
  for (refdata::Alliance a : alliances) w.U8(static_cast<uint8_t>(a));
}

std::vector<refdata::Alliance> ReadAlliances(ByteReader& r, std::string_view what) {
  std::vector<refdata::Alliance> alliances(r.Count(what, 1));
  for (refdata::Alliance& a : alliances) {
    const uint8_t v = r.U8(what);
    if (v > static_cast<uint8_t>(refdata::Alliance::kSkyTeam)) {
      r.Fail(std::string(what) + " holds an unknown alliance " + std::to_string(v));
    }
    a = static_cast<refdata::Alliance>(v);
  }
  return alliances;
}

void WriteWindows(const std::vector<std::optional<TimeWindow>>& windows, ByteWriter& w) {
  w.U32(static_cast<uint32_t>(windows.size()));
  for (const std::optional<TimeWindow>& window : windows) {
    w.Bool(window.has_value());
    if (!window) continue;
    w.I32(window->from_minute);
    w.I32(window->to_minute);
  }
}

std::vector<std::optional<TimeWindow>> ReadWindows(ByteReader& r, std::string_view what) {
  std::vector<std::optional<TimeWindow>> windows(r.Count(what, 1));
  for (std::optional<TimeWindow>& window : windows) {
    if (!r.Bool(what)) continue;
    TimeWindow w;
    w.from_minute = r.I32(what);
    w.to_minute = r.I32(what);
    for (int minute : {w.from_minute, w.to_minute}) {
      if (minute < 0 || minute >= kMinutesPerDay) {
        r.Fail(std::string(what) + " has minute " + std::to_string(minute) + ", not 0..1439");
      }
    }
    window = w;
  }
  return windows;
}

void WriteFilters(const Filters& f, ByteWriter& w) {
  WriteOptional(f.max_stops, w);
  w.U32(static_cast<uint32_t>(f.slice_max_stops.size()));
  for (const std::optional<int>& stops : f.slice_max_stops) WriteOptional(stops, w);
  WriteCodes(f.include_airlines, w);
  WriteCodes(f.exclude_airlines, w);
  WriteAlliances(f.include_alliances, w);
  WriteAlliances(f.exclude_alliances, w);
  WriteWindows(f.departure_windows, w);
  WriteWindows(f.arrival_windows, w);
  WriteOptional(f.max_duration_minutes, w);
  w.Bool(f.max_price_minor.has_value());
  if (f.max_price_minor) w.I64(*f.max_price_minor);
  w.Bool(f.checked_bag_included);
  WriteCodes(f.layover_airports_include, w);
  WriteCodes(f.layover_airports_exclude, w);
  WriteOptional(f.min_layover_minutes, w);
  WriteOptional(f.max_layover_minutes, w);
  w.Bool(f.no_airport_change);
  WriteOptional(f.max_co2_kg, w);
}

Filters ReadFilters(ByteReader& r) {
  Filters f;
  f.max_stops = ReadOptional(r, "filters max_stops");
  f.slice_max_stops.resize(r.Count("filters slice_max_stops", 1));
  for (std::optional<int>& stops : f.slice_max_stops) {
    stops = ReadOptional(r, "filters slice_max_stops");
  }
  f.include_airlines = ReadCodes<AirlineCode>(r, 2, "filters include_airlines");
  f.exclude_airlines = ReadCodes<AirlineCode>(r, 2, "filters exclude_airlines");
  f.include_alliances = ReadAlliances(r, "filters include_alliances");
  f.exclude_alliances = ReadAlliances(r, "filters exclude_alliances");
  f.departure_windows = ReadWindows(r, "filters departure_windows");
  f.arrival_windows = ReadWindows(r, "filters arrival_windows");
  f.max_duration_minutes = ReadOptional(r, "filters max_duration_minutes");
  if (r.Bool("filters max_price_minor")) f.max_price_minor = r.I64("filters max_price_minor");
  f.checked_bag_included = r.Bool("filters checked_bag_included");
  f.layover_airports_include = ReadCodes<LocationCode>(r, 3, "filters layover_airports_include");
  f.layover_airports_exclude = ReadCodes<LocationCode>(r, 3, "filters layover_airports_exclude");
  f.min_layover_minutes = ReadOptional(r, "filters min_layover_minutes");
  f.max_layover_minutes = ReadOptional(r, "filters max_layover_minutes");
  f.no_airport_change = r.Bool("filters no_airport_change");
  f.max_co2_kg = ReadOptional(r, "filters max_co2_kg");
  return f;
}

}  // namespace

void WriteSnapshotRequest(const SearchRequest& request, ByteWriter& w) {
  w.U32(static_cast<uint32_t>(request.slices.size()));
  for (const SliceRequest& s : request.slices) {
    w.Raw(s.origin.str());
    w.Raw(s.destination.str());
    w.I32(s.departure_date);
  }
  const Passengers& p = request.passengers;
  w.I32(p.adults);
  w.U32(static_cast<uint32_t>(p.child_ages.size()));
  for (int age : p.child_ages) w.I32(age);
  w.I32(p.infants);
  w.U8(static_cast<uint8_t>(request.cabin));
  w.Raw(request.currency.str());
  WriteOptional(request.max_connections, w);
  WriteFilters(request.filters, w);
  w.U8(static_cast<uint8_t>(request.sort));
  w.I32(request.limit);
  w.Bytes(request.cursor);
  WriteOptional(request.deadline_ms, w);
  w.U8(static_cast<uint8_t>(request.cache));
}

SearchRequest ReadSnapshotRequest(ByteReader& r) {
  SearchRequest request;
  request.slices.resize(r.Count("request slices", 3 + 3 + 4));
  for (SliceRequest& s : request.slices) {
    s.origin = ReadCode<LocationCode>(r, 3, "slice origin");
    s.destination = ReadCode<LocationCode>(r, 3, "slice destination");
    s.departure_date = r.I32("slice departure_date");
    if (s.departure_date < kFirstDate || s.departure_date > kLastDate) {
      r.Fail("slice departure_date " + std::to_string(s.departure_date) +
             " is outside the years 1900..9999");
    }
  }
  Passengers& p = request.passengers;
  p.adults = r.I32("passengers adults");
  p.child_ages.resize(r.Count("passengers child_ages", 4));
  for (int& age : p.child_ages) age = r.I32("passengers child_ages");
  p.infants = r.I32("passengers infants");
  const uint8_t cabin = r.U8("request cabin");
  if (cabin > static_cast<uint8_t>(Cabin::kFirst)) {
    r.Fail("request cabin " + std::to_string(cabin) + " is unknown");
  }
  request.cabin = static_cast<Cabin>(cabin);
  request.currency = ReadCode<CurrencyCode>(r, 3, "request currency");
  request.max_connections = ReadOptional(r, "request max_connections");
  request.filters = ReadFilters(r);
  const uint8_t sort = r.U8("request sort");
  if (sort > static_cast<uint8_t>(SortKey::kLatestArrival)) {
    r.Fail("request sort " + std::to_string(sort) + " is unknown");
  }
  request.sort = static_cast<SortKey>(sort);
  request.limit = r.I32("request limit");
  request.cursor = std::string(r.Bytes("request cursor"));
  request.deadline_ms = ReadOptional(r, "request deadline_ms");
  const uint8_t cache = r.U8("request cache");
  if (cache > static_cast<uint8_t>(CacheMode::kOnly)) {
    r.Fail("request cache " + std::to_string(cache) + " is unknown");
  }
  request.cache = static_cast<CacheMode>(cache);
  return request;
}

}  // namespace fareflow
