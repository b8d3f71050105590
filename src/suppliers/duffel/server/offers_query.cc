#include "suppliers/duffel/server/offers_query.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "core/base64.h"
#include "core/splitmix64.h"

namespace fareflow::duffel {
namespace {

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
  std::array<char, kCursorBytes> bytes{'f', 'f'};
  const auto pos = static_cast<uint32_t>(position);
  for (int i = 0; i < 4; ++i) bytes[2 + i] = static_cast<char>(pos >> (24 - 8 * i));
  for (int i = 0; i < 6; ++i) bytes[6 + i] = static_cast<char>(fingerprint >> (40 - 8 * i));
  return EncodeBase64Url({bytes.data(), bytes.size()});
}

std::optional<std::size_t> DecodeCursor(std::string_view cursor, uint64_t fingerprint) {
  if (cursor.size() != kCursorBytes / 3 * 4) return std::nullopt;
  const Result<std::string> decoded = DecodeBase64Url(cursor);
  if (!decoded || decoded->size() != kCursorBytes) return std::nullopt;
  const auto byte = [&](std::size_t i) { return static_cast<uint8_t>((*decoded)[i]); };
  if (byte(0) != 'f' || byte(1) != 'f') return std::nullopt;
  uint32_t pos = 0;
  for (int i = 0; i < 4; ++i) pos = (pos << 8) | byte(2 + i);
  uint64_t fp = 0;
  for (int i = 0; i < 6; ++i) fp = (fp << 8) | byte(6 + i);
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

}  // namespace fareflow::duffel
