#include "pipeline/page.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
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

// Version 3 carries a keyed MAC. 2 had an unkeyed XXH3 checksum and 1 FNV-1a, which anyone
// could compute for a cursor of their own making; both are now refused as malformed.
constexpr uint8_t kCursorVersion = 3;
// version (1), fingerprint (8), offset (4), a zero byte (1) and the MAC of those 14 (16). The zero
// byte makes 30, a multiple of 3, so that every base64 character carries cursor bits and no two
// texts decode to the same cursor.
constexpr std::size_t kSignedBytes = 14;
constexpr std::size_t kCursorBytes = kSignedBytes + MacKey::kTagBytes;
constexpr std::size_t kCursorChars = kCursorBytes / 3 * 4;  // URL-safe base64, no padding
static_assert(kCursorBytes % 3 == 0);

using CursorBytes = std::array<uint8_t, kCursorBytes>;

// The signed part of a cursor, for the MAC. A view of `b`.
std::string_view Signed(const CursorBytes& b) {
  return {reinterpret_cast<const char*>(b.data()), kSignedBytes};
}

std::string EncodeCursor(uint64_t fingerprint, uint32_t offset, const MacKey& key) {
  CursorBytes b{};
  b[0] = kCursorVersion;
  for (int i = 0; i < 8; ++i) b[1 + i] = static_cast<uint8_t>(fingerprint >> (8 * i));
  for (int i = 0; i < 4; ++i) b[9 + i] = static_cast<uint8_t>(offset >> (8 * i));
  const MacKey::Tag tag = key.Sign(Signed(b));
  std::copy(tag.begin(), tag.end(), b.begin() + kSignedBytes);
  return EncodeBase64Url({reinterpret_cast<const char*>(b.data()), b.size()});
}

// The decoded cursor, or nullopt when it is not a cursor of this version signed with `key`.
struct Cursor {
  uint64_t fingerprint;
  uint32_t offset;
};
std::optional<Cursor> DecodeCursor(std::string_view s, const MacKey& key) {
  if (s.size() != kCursorChars) return std::nullopt;
  const Result<std::string> bytes = DecodeBase64Url(s);
  if (!bytes || bytes->size() != kCursorBytes) return std::nullopt;
  CursorBytes b{};
  std::copy(bytes->begin(), bytes->end(), b.begin());
  if (b[0] != kCursorVersion || b[kSignedBytes - 1] != 0) return std::nullopt;
  MacKey::Tag tag{};
  std::copy(b.begin() + kSignedBytes, b.end(), tag.begin());
  if (!key.Verify(Signed(b), tag)) return std::nullopt;
  Cursor c{0, 0};
  for (int i = 0; i < 8; ++i) c.fingerprint |= uint64_t{b[1 + i]} << (8 * i);
  for (int i = 0; i < 4; ++i) c.offset |= uint32_t{b[9 + i]} << (8 * i);
  return c;
}

// The key SetCursorKey installed; null until then.
std::atomic<const MacKey*> configured_key{nullptr};

}  // namespace

const MacKey& CursorKey() {
  if (const MacKey* key = configured_key.load(std::memory_order_acquire)) return *key;
  static const MacKey random = MacKey::Random();
  return random;
}

bool SetCursorKey(const MacKey& key) {
  static std::mutex mu;
  static std::optional<MacKey> storage;  // lives as long as the process, as CursorKey's answer
  std::lock_guard<std::mutex> lock(mu);
  if (storage) return false;
  storage.emplace(key);
  configured_key.store(&*storage, std::memory_order_release);
  return true;
}

Result<Page> TakePage(const Selection& sorted, int limit, std::string_view cursor,
                      uint64_t query_fingerprint, const MacKey& key) {
  if (limit < 0) {
    return MakeError(ErrorCode::kInvalidArgument, "limit must not be negative", "limit");
  }
  Page page;
  if (!cursor.empty()) {
    const std::optional<Cursor> c = DecodeCursor(cursor, key);
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
  if (next < sorted.size()) page.next_cursor = EncodeCursor(query_fingerprint, next, key);
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
