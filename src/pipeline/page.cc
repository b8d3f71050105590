#include "pipeline/page.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include <xxhash.h>

#include "core/base64.h"

namespace fareflow {
namespace {

// A canonical byte form of a query, hashed with XXH3 (the hash the dedupe keys and snapshots use):
// every value is written at a fixed width, every list with its length and every optional with a
// presence byte, so different requests never share a byte form.
class CanonicalBytes {
 public:
  void U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<char>(v >> (8 * i)));
  }
  void I64(int64_t v) { U64(static_cast<uint64_t>(v)); }
  void Str(std::string_view s) {
    U64(s.size());
    bytes_.append(s);
  }
  template <typename T>
  void Opt(const std::optional<T>& v) {
    U64(v.has_value());
    if (v) I64(static_cast<int64_t>(*v));
  }
  void Window(const std::optional<TimeWindow>& w) {
    U64(w.has_value());
    if (w) {
      I64(w->from_minute);
      I64(w->to_minute);
    }
  }
  template <typename T, typename F>
  void List(const std::vector<T>& v, F each) {
    U64(v.size());
    for (const T& x : v) each(x);
  }
  uint64_t hash() const { return XXH3_64bits(bytes_.data(), bytes_.size()); }

 private:
  std::string bytes_;
};

constexpr uint8_t kCursorVersion = 2;     // 1 was FNV-1a fingerprints and checksums
constexpr std::size_t kCursorBytes = 15;  // version, fingerprint (8), offset (4), checksum (2)
constexpr std::size_t kCursorChars = kCursorBytes / 3 * 4;  // URL-safe base64, no padding

// Cursor bytes as a string view, for the base64 helpers.
std::string_view View(const std::array<uint8_t, kCursorBytes>& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

uint16_t Checksum(const std::array<uint8_t, kCursorBytes>& b) {
  const uint64_t h = XXH3_64bits(b.data(), kCursorBytes - 2);
  return static_cast<uint16_t>(h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

std::string EncodeCursor(uint64_t fingerprint, uint32_t offset) {
  std::array<uint8_t, kCursorBytes> b{};
  b[0] = kCursorVersion;
  for (int i = 0; i < 8; ++i) b[1 + i] = static_cast<uint8_t>(fingerprint >> (8 * i));
  for (int i = 0; i < 4; ++i) b[9 + i] = static_cast<uint8_t>(offset >> (8 * i));
  const uint16_t check = Checksum(b);
  b[13] = static_cast<uint8_t>(check);
  b[14] = static_cast<uint8_t>(check >> 8);
  return EncodeBase64Url(View(b));
}

// The decoded cursor, or nullopt when it is not a well-formed cursor of this version.
struct Cursor {
  uint64_t fingerprint;
  uint32_t offset;
};
std::optional<Cursor> DecodeCursor(std::string_view s) {
  if (s.size() != kCursorChars) return std::nullopt;
  const Result<std::string> bytes = DecodeBase64Url(s);
  if (!bytes || bytes->size() != kCursorBytes) return std::nullopt;
  std::array<uint8_t, kCursorBytes> b{};
  std::copy(bytes->begin(), bytes->end(), b.begin());
  if (b[0] != kCursorVersion) return std::nullopt;
  const uint16_t check = Checksum(b);
  if (b[13] != static_cast<uint8_t>(check) || b[14] != static_cast<uint8_t>(check >> 8)) {
    return std::nullopt;
  }
  Cursor c{0, 0};
  for (int i = 0; i < 8; ++i) c.fingerprint |= uint64_t{b[1 + i]} << (8 * i);
  for (int i = 0; i < 4; ++i) c.offset |= uint32_t{b[9 + i]} << (8 * i);
  return c;
}

}  // namespace

Result<Page> TakePage(const Selection& sorted, int limit, std::string_view cursor,
                      uint64_t query_fingerprint) {
  if (limit < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "limit must not be negative", "limit");
  }
  Page page;
  if (!cursor.empty()) {
    const std::optional<Cursor> c = DecodeCursor(cursor);
    if (!c) return MakeError(ErrorCode::kInvalidArgument, "malformed cursor", "cursor");
    if (c->fingerprint != query_fingerprint) {
      return MakeError(ErrorCode::kInvalidArgument, "cursor does not belong to this query",
                       "cursor");
    }
    if (c->offset > sorted.size()) {
      return MakeError(ErrorCode::kInvalidArgument, "cursor is past the end of the results",
                       "cursor");
    }
    page.offset = c->offset;
  }
  const std::size_t rest = sorted.size() - page.offset;
  page.count = limit == 0 ? rest : std::min(rest, static_cast<std::size_t>(limit));
  const std::size_t next = page.offset + page.count;
  if (next < sorted.size()) page.next_cursor = EncodeCursor(query_fingerprint, next);
  return page;
}

uint64_t QueryFingerprint(const SearchRequest& r, std::string_view search_id) {
  CanonicalBytes h;
  h.Str(search_id);
  h.List(r.slices, [&](const SliceRequest& s) {
    h.U64(s.origin.index());
    h.U64(s.destination.index());
    h.I64(s.departure_date);
  });
  h.I64(r.passengers.adults);
  h.List(r.passengers.child_ages, [&](int age) { h.I64(age); });
  h.I64(r.passengers.infants);
  h.U64(static_cast<uint64_t>(r.cabin));
  h.U64(r.currency.index());
  h.Opt(r.max_connections);

  const Filters& f = r.filters;
  h.Opt(f.max_stops);
  h.List(f.slice_max_stops, [&](const std::optional<int>& v) { h.Opt(v); });
  h.List(f.include_airlines, [&](AirlineCode c) { h.U64(c.index()); });
  h.List(f.exclude_airlines, [&](AirlineCode c) { h.U64(c.index()); });
  h.List(f.include_alliances, [&](refdata::Alliance a) { h.U64(static_cast<uint64_t>(a)); });
  h.List(f.exclude_alliances, [&](refdata::Alliance a) { h.U64(static_cast<uint64_t>(a)); });
  h.List(f.departure_windows, [&](const std::optional<TimeWindow>& w) { h.Window(w); });
  h.List(f.arrival_windows, [&](const std::optional<TimeWindow>& w) { h.Window(w); });
  h.Opt(f.max_duration_minutes);
  h.Opt(f.max_price_minor);
  h.U64(f.checked_bag_included);
  h.List(f.layover_airports_include, [&](LocationCode c) { h.U64(c.index()); });
  h.List(f.layover_airports_exclude, [&](LocationCode c) { h.U64(c.index()); });
  h.Opt(f.min_layover_minutes);
  h.Opt(f.max_layover_minutes);
  h.U64(f.no_airport_change);
  h.Opt(f.max_co2_kg);

  h.U64(static_cast<uint64_t>(r.sort));
  return h.hash();
}

}  // namespace fareflow
