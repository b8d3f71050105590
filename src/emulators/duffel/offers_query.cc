#include "emulators/duffel/offers_query.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/splitmix64.h"

namespace fareflow::emulators {
namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kCursorBytes = 12;  // "ff", 4 bytes of position, 6 of fingerprint

// A whole decimal number in [low, high], nothing else.
std::optional<int> ReadInt(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

int Base64Value(char c) {
  const char* p = std::find(kBase64Url, kBase64Url + 64, c);
  return p == kBase64Url + 64 ? -1 : static_cast<int>(p - kBase64Url);
}

}  // namespace

tl::expected<OffersQuery, DuffelProblem> ParseOffersQuery(const net::WireRequest& request) {
  using Problem = tl::unexpected<DuffelProblem>;
  OffersQuery q;
  const std::string* id = request.Query("offer_request_id");
  if (id == nullptr || id->empty()) {
    return Problem(DuffelBadParameter("offer_request_id", "'offer_request_id' is required."));
  }
  q.offer_request_id = *id;
  if (const std::string* limit = request.Query("limit")) {
    std::optional<int> n = ReadInt(*limit, 1, 200);
    if (!n) {
      return Problem(DuffelBadParameter("limit", "'limit' must be a number between 1 and 200."));
    }
    q.limit = *n;
  }
  if (const std::string* sort = request.Query("sort")) {
    std::string_view key = *sort;
    q.descending = !key.empty() && key.front() == '-';
    if (q.descending) key.remove_prefix(1);
    if (key == "total_amount") {
      q.sort = OffersSort::kTotalAmount;
    } else if (key == "total_duration") {
      q.sort = OffersSort::kTotalDuration;
    } else {
      return Problem(
          DuffelBadParameter("sort",
                             "'sort' must be one of total_amount, -total_amount, total_duration, "
                             "-total_duration."));
    }
  }
  if (const std::string* max = request.Query("max_connections")) {
    q.max_connections = ReadInt(*max, 0, 2);
    if (!q.max_connections) {
      return Problem(DuffelBadParameter("max_connections", "'max_connections' must be 0, 1 or 2."));
    }
  }
  if (const std::string* after = request.Query("after")) q.after = *after;
  if (const std::string* before = request.Query("before")) q.before = *before;
  if (!q.after.empty() && !q.before.empty()) {
    return Problem(DuffelBadParameter("before", "'after' and 'before' cannot both be set."));
  }
  return q;
}

uint64_t ListingFingerprint(const OffersQuery& query) {
  uint64_t h = 0x6C697374ull;
  for (char c : query.offer_request_id) h = SplitMix64(h ^ static_cast<unsigned char>(c));
  h = SplitMix64(h ^ (static_cast<uint64_t>(query.sort) << 8) ^ (query.descending ? 1u : 0u));
  return SplitMix64(h ^ static_cast<uint64_t>(query.max_connections.value_or(-1) + 16));
}

std::string EncodeCursor(std::size_t position, uint64_t fingerprint) {
  std::array<uint8_t, kCursorBytes> bytes{'f', 'f'};
  const auto pos = static_cast<uint32_t>(position);
  for (int i = 0; i < 4; ++i) bytes[2 + i] = static_cast<uint8_t>(pos >> (24 - 8 * i));
  for (int i = 0; i < 6; ++i) bytes[6 + i] = static_cast<uint8_t>(fingerprint >> (40 - 8 * i));
  std::string out;
  for (std::size_t i = 0; i < kCursorBytes; i += 3) {
    const uint32_t v = (uint32_t{bytes[i]} << 16) | (uint32_t{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int k = 3; k >= 0; --k) out.push_back(kBase64Url[(v >> (6 * k)) & 63]);
  }
  return out;
}

std::optional<std::size_t> DecodeCursor(std::string_view cursor, uint64_t fingerprint) {
  if (cursor.size() != kCursorBytes / 3 * 4) return std::nullopt;
  std::array<uint8_t, kCursorBytes> bytes{};
  for (std::size_t i = 0; i < cursor.size(); i += 4) {
    uint32_t v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int d = Base64Value(cursor[i + k]);
      if (d < 0) return std::nullopt;
      v = (v << 6) | static_cast<uint32_t>(d);
    }
    bytes[i / 4 * 3] = static_cast<uint8_t>(v >> 16);
    bytes[i / 4 * 3 + 1] = static_cast<uint8_t>(v >> 8);
    bytes[i / 4 * 3 + 2] = static_cast<uint8_t>(v);
  }
  if (bytes[0] != 'f' || bytes[1] != 'f') return std::nullopt;
  uint32_t pos = 0;
  for (int i = 0; i < 4; ++i) pos = (pos << 8) | bytes[2 + i];
  uint64_t fp = 0;
  for (int i = 0; i < 6; ++i) fp = (fp << 8) | bytes[6 + i];
  if (fp != (fingerprint & 0xFFFFFFFFFFFFull)) return std::nullopt;
  return pos;
}

PageRange SelectPage(std::size_t total, int limit, std::optional<std::size_t> after,
                     std::optional<std::size_t> before) {
  const auto n = static_cast<std::size_t>(std::max(1, limit));
  if (before) {
    const std::size_t end = std::min(*before, total);
    return {end - std::min(end, n), end};
  }
  const std::size_t begin = std::min(after.value_or(0), total);
  return {begin, std::min(total, begin + n)};
}

}  // namespace fareflow::emulators
