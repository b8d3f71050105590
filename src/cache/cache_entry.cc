#include "cache/cache_entry.h"

#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>

namespace fareflow::cache {
namespace {

// The Redis value, all integers little-endian and fixed width:
//   "FFCE" u32 version
//   u64 payload_size, i64 stored_at, i64 fresh_until, i64 keep_until
//   i32 offers, u8 buckets (FareSummary::kStopBuckets), per bucket:
//     u8 present; when 1: i64 total minor, u16 total currency, i64 per_adult minor,
//     u16 per_adult currency, i16 max_slice_stops, i32 duration_minutes, u8 carrier_count,
//     u16 carriers[Offer::kInlineCodes]
//   u32 key text length, key text bytes, u64 compressed length, compressed bytes
// and nothing after. A layout change bumps the version: other values read as misses.
constexpr char kMagic[4] = {'F', 'F', 'C', 'E'};
constexpr uint32_t kVersion = 1;

template <typename T>
void Put(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(value);
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out += static_cast<char>(u & 0xFF);
    u = static_cast<U>(u >> 8);
  }
}

void PutMoney(std::string& out, const Money& money) {
  Put<int64_t>(out, money.minor);
  Put<uint16_t>(out, money.currency.index());
}

void PutQuote(std::string& out, const FareQuote& quote) {
  PutMoney(out, quote.total);
  PutMoney(out, quote.per_adult);
  Put<int16_t>(out, quote.max_slice_stops);
  Put<int32_t>(out, quote.duration_minutes);
  Put<uint8_t>(out, quote.carrier_count);
  for (const AirlineCode carrier : quote.carriers) Put<uint16_t>(out, carrier.index());
}

// Reads the value front to back; every read checks what is left, so a value cut short anywhere
// fails rather than reads past its end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  template <typename T>
  std::optional<T> Get() {
    if (rest_.size() < sizeof(T)) return std::nullopt;
    using U = std::make_unsigned_t<T>;
    U u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
      u = static_cast<U>(u | static_cast<U>(static_cast<unsigned char>(rest_[i])) << (8 * i));
    }
    rest_.remove_prefix(sizeof(T));
    return static_cast<T>(u);
  }
  std::optional<std::string_view> Bytes(uint64_t size) {
    if (size > rest_.size()) return std::nullopt;
    const std::string_view bytes = rest_.substr(0, static_cast<std::size_t>(size));
    rest_.remove_prefix(static_cast<std::size_t>(size));
    return bytes;
  }
  bool done() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

std::optional<CurrencyCode> CurrencyOf(uint16_t index) {
  if (index == CurrencyCode::kInvalid) return CurrencyCode();
  if (index >= LocationCode::kSpace) return std::nullopt;
  return CurrencyCode::Parse(LocationCode::FromIndex(index).str());
}

std::optional<Money> GetMoney(Reader& in) {
  const auto minor = in.Get<int64_t>();
  const auto currency_index = in.Get<uint16_t>();
  if (!minor || !currency_index) return std::nullopt;
  const auto currency = CurrencyOf(*currency_index);
  if (!currency) return std::nullopt;
  return Money{*minor, *currency};
}

std::optional<FareQuote> GetQuote(Reader& in) {
  FareQuote quote;
  const auto total = GetMoney(in);
  const auto per_adult = GetMoney(in);
  const auto stops = in.Get<int16_t>();
  const auto duration = in.Get<int32_t>();
  const auto count = in.Get<uint8_t>();
  if (!total || !per_adult || !stops || !duration || !count || *count > Offer::kInlineCodes) {
    return std::nullopt;
  }
  quote.total = *total;
  quote.per_adult = *per_adult;
  quote.max_slice_stops = *stops;
  quote.duration_minutes = *duration;
  quote.carrier_count = *count;
  for (AirlineCode& carrier : quote.carriers) {
    const auto index = in.Get<uint16_t>();
    if (!index || (*index != AirlineCode::kInvalid && *index >= AirlineCode::kSpace)) {
      return std::nullopt;
    }
    carrier = AirlineCode::FromIndex(*index);
  }
  return quote;
}

}  // namespace

std::size_t CacheEntry::Bytes() const {
  return sizeof(CacheEntry) + key_text.size() + compressed.size();
}

std::string EncodeEntry(const CacheEntry& entry) {
  std::string out;
  out.reserve(160 + entry.key_text.size() + entry.compressed.size());
  out.append(kMagic, sizeof kMagic);
  Put<uint32_t>(out, kVersion);
  Put<uint64_t>(out, entry.payload_size);
  Put<int64_t>(out, entry.stored_at);
  Put<int64_t>(out, entry.fresh_until);
  Put<int64_t>(out, entry.keep_until);
  Put<int32_t>(out, entry.summary.offers);
  Put<uint8_t>(out, FareSummary::kStopBuckets);
  for (const std::optional<FareQuote>& quote : entry.summary.cheapest_by_stops) {
    Put<uint8_t>(out, quote ? 1 : 0);
    if (quote) PutQuote(out, *quote);
  }
  Put<uint32_t>(out, static_cast<uint32_t>(entry.key_text.size()));
  out += entry.key_text;
  Put<uint64_t>(out, entry.compressed.size());
  out += entry.compressed;
  return out;
}

tl::unexpected<Error> DamagedEntry(const std::string& what) {
  return MakeError(ErrorCode::kMalformed, "cache entry: " + what);
}

Result<CacheEntry> DecodeEntry(std::string_view value) {
  if (value.size() < sizeof kMagic || std::memcmp(value.data(), kMagic, sizeof kMagic) != 0) {
    return DamagedEntry("not a cache entry");
  }
  Reader in(value.substr(sizeof kMagic));
  const auto version = in.Get<uint32_t>();
  if (!version || *version != kVersion) return DamagedEntry("unknown version");
  CacheEntry entry;
  const auto payload_size = in.Get<uint64_t>();
  const auto stored_at = in.Get<int64_t>();
  const auto fresh_until = in.Get<int64_t>();
  const auto keep_until = in.Get<int64_t>();
  const auto offers = in.Get<int32_t>();
  const auto buckets = in.Get<uint8_t>();
  if (!payload_size || !stored_at || !fresh_until || !keep_until || !offers || !buckets) {
    return DamagedEntry("cut short");
  }
  if (*buckets != FareSummary::kStopBuckets) return DamagedEntry("unknown summary layout");
  if (*payload_size > std::numeric_limits<std::size_t>::max()) return DamagedEntry("payload size");
  entry.payload_size = static_cast<std::size_t>(*payload_size);
  entry.stored_at = *stored_at;
  entry.fresh_until = *fresh_until;
  entry.keep_until = *keep_until;
  entry.summary.offers = *offers;
  for (std::optional<FareQuote>& quote : entry.summary.cheapest_by_stops) {
    const auto present = in.Get<uint8_t>();
    if (!present || *present > 1) return DamagedEntry("summary");
    if (*present == 0) continue;
    quote = GetQuote(in);
    if (!quote) return DamagedEntry("summary");
  }
  const auto key_size = in.Get<uint32_t>();
  const auto key_text = key_size ? in.Bytes(*key_size) : std::nullopt;
  if (!key_text) return DamagedEntry("key text");
  entry.key_text = std::string(*key_text);
  const auto compressed_size = in.Get<uint64_t>();
  const auto compressed = compressed_size ? in.Bytes(*compressed_size) : std::nullopt;
  if (!compressed) return DamagedEntry("payload");
  entry.compressed = std::string(*compressed);
  if (!in.done()) return DamagedEntry("trailing bytes");
  return entry;
}

}  // namespace fareflow::cache
