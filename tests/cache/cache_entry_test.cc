#include "cache/cache_entry.h"
#include "cache/payload_frames.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>
#include <string>

namespace fareflow::cache {
namespace {

FareQuote Quote(int64_t total, int stops, std::initializer_list<const char*> carriers) {
  FareQuote q;
  q.total = {total, CurrencyCode::Parse("EUR")};
  q.per_adult = {total / 2, CurrencyCode::Parse("EUR")};
  q.max_slice_stops = static_cast<int16_t>(stops);
  q.duration_minutes = 125 + stops * 90;
  for (const char* c : carriers) q.carriers[q.carrier_count++] = AirlineCode::Parse(c);
  return q;
}

std::string Payload() {
  std::string payload = "{\"data\":[";
  for (int i = 0; i < 2000; ++i) payload += "{\"id\":\"" + std::to_string(i) + "\"},";
  payload += "{}]}";
  return payload;
}

CacheEntry Sample() {
  CacheEntry e;
  e.key_text = "v1|amadeus-1|MAD>BCN 2027-01-05|a1 c i0|economy|c-|EUR";
  const std::string payload = Payload();
  e.compressed = CompressPayload(payload);
  e.payload_size = payload.size();
  e.summary.offers = 17;
  e.summary.cheapest_by_stops[0] = Quote(12'345, 0, {"IB"});
  e.summary.cheapest_by_stops[2] = Quote(9'990, 3, {"UX", "AF", "KL", "LH"});
  e.stored_at = 1'800'000'000;
  e.fresh_until = e.stored_at + 4 * 3600;
  e.keep_until = e.fresh_until + 24 * 3600;
  return e;
}

void ExpectSameQuote(const std::optional<FareQuote>& a, const std::optional<FareQuote>& b) {
  ASSERT_EQ(a.has_value(), b.has_value());
  if (!a) return;
  EXPECT_EQ(a->total, b->total);
  EXPECT_EQ(a->per_adult, b->per_adult);
  EXPECT_EQ(a->max_slice_stops, b->max_slice_stops);
  EXPECT_EQ(a->duration_minutes, b->duration_minutes);
  EXPECT_EQ(a->carrier_count, b->carrier_count);
  EXPECT_EQ(a->carriers, b->carriers);
}

TEST(CacheEntryTest, EncodeDecodeRoundTripsEveryField) {
  const CacheEntry e = Sample();
  auto back = DecodeEntry(EncodeEntry(e));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->key_text, e.key_text);
  EXPECT_EQ(back->compressed, e.compressed);
  EXPECT_EQ(back->payload_size, e.payload_size);
  EXPECT_EQ(back->stored_at, e.stored_at);
  EXPECT_EQ(back->fresh_until, e.fresh_until);
  EXPECT_EQ(back->keep_until, e.keep_until);
  EXPECT_EQ(back->summary.offers, 17);
  for (int s = 0; s < FareSummary::kStopBuckets; ++s) {
    ExpectSameQuote(back->summary.cheapest_by_stops[s], e.summary.cheapest_by_stops[s]);
  }
  auto payload = DecompressPayload(*back, 1 << 20);
  ASSERT_TRUE(payload) << payload.error().message;
  EXPECT_EQ(*payload, Payload());
}

TEST(CacheEntryTest, ASummaryOnlyEntryRoundTripsWithAnEmptyPayload) {
  CacheEntry e = Sample();
  e.compressed.clear();
  e.payload_size = 0;
  e.summary = FareSummary{};
  auto back = DecodeEntry(EncodeEntry(e));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->summary.offers, 0);
  EXPECT_FALSE(back->summary.Cheapest());
  auto payload = DecompressPayload(*back, 1 << 20);
  ASSERT_TRUE(payload);
  EXPECT_TRUE(payload->empty());
}

TEST(CacheEntryTest, DecodeRefusesWrongMagicVersionAndTrailingBytes) {
  const std::string good = EncodeEntry(Sample());
  std::string magic = good;
  magic[0] = 'X';
  EXPECT_EQ(DecodeEntry(magic).error().code, ErrorCode::kMalformed);
  std::string version = good;
  version[4] = 2;
  EXPECT_EQ(DecodeEntry(version).error().code, ErrorCode::kMalformed);
  EXPECT_EQ(DecodeEntry(good + "x").error().code, ErrorCode::kMalformed);
  EXPECT_FALSE(DecodeEntry(""));
  EXPECT_FALSE(DecodeEntry("FFCE"));
}

TEST(CacheEntryTest, EveryTruncationIsRefused) {
  const std::string good = EncodeEntry(Sample());
  for (std::size_t size = 0; size < good.size(); ++size) {
    auto cut = DecodeEntry(std::string_view(good).substr(0, size));
    ASSERT_FALSE(cut) << "cut at " << size;
    EXPECT_EQ(cut.error().code, ErrorCode::kMalformed);
  }
}

TEST(CacheEntryTest, LengthsPastTheEndAndImpossibleFieldsAreRefused) {
  CacheEntry e = Sample();
  e.compressed = "abc";
  e.summary = FareSummary{};
  const std::string good = EncodeEntry(e);
  // The last field before the bytes is the compressed length (u64); claim more than there is.
  std::string longer = good;
  longer[good.size() - 3 - 8] = 4;
  EXPECT_FALSE(DecodeEntry(longer));
  std::string huge = good;
  huge[good.size() - 3 - 1] = static_cast<char>(0xff);  // top byte of the length
  EXPECT_FALSE(DecodeEntry(huge));
  // A presence flag other than 0 or 1 (the first bucket's, after 4+4+8*4+4+1 bytes).
  std::string flag = good;
  flag[4 + 4 + 32 + 4 + 1] = 2;
  EXPECT_FALSE(DecodeEntry(flag));
}

TEST(CacheEntryTest, DecompressRefusesDamageAndSizesThatDoNotMatch) {
  const CacheEntry good = Sample();
  CacheEntry damaged = good;
  damaged.compressed[damaged.compressed.size() / 2] ^= 0x5a;
  auto d = DecompressPayload(damaged, 1 << 20);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, ErrorCode::kMalformed);

  CacheEntry wrong_size = good;
  wrong_size.payload_size += 1;
  EXPECT_FALSE(DecompressPayload(wrong_size, 1 << 20));

  // Too large for the caller: refused before anything is allocated.
  EXPECT_FALSE(DecompressPayload(good, good.payload_size - 1));
  EXPECT_TRUE(DecompressPayload(good, good.payload_size));

  CacheEntry not_zstd = good;
  not_zstd.compressed = "not a zstd frame at all";
  EXPECT_FALSE(DecompressPayload(not_zstd, 1 << 20));
  CacheEntry empty = good;
  empty.compressed.clear();
  EXPECT_FALSE(DecompressPayload(empty, 1 << 20));

  // A frame claiming a huge size is refused by the limit, not by a failed allocation.
  CacheEntry bomb = good;
  const std::string big(8 << 20, 'a');
  bomb.compressed = CompressPayload(big);
  bomb.payload_size = big.size();
  EXPECT_LT(bomb.compressed.size(), 4096u);
  EXPECT_FALSE(DecompressPayload(bomb, 1 << 20));
}

// The request context keeps a string with room for simdjson's padding as it is; without that
// room it copies the whole payload into a padded one.
TEST(CacheEntryTest, ADecompressedPayloadHasRoomForTheParsersPadding) {
  const CacheEntry e = Sample();
  Result<std::string> payload = DecompressPayload(e, std::size_t{1} << 20);
  ASSERT_TRUE(payload.has_value()) << payload.error().message;
  EXPECT_EQ(*payload, Payload());
  EXPECT_GE(payload->capacity(), payload->size() + simdjson::SIMDJSON_PADDING);
}

TEST(CacheEntryTest, BytesCountsTheStringsAndTheStruct) {
  const CacheEntry e = Sample();
  EXPECT_EQ(e.Bytes(), sizeof(CacheEntry) + e.key_text.size() + e.compressed.size());
  EXPECT_LT(e.compressed.size(), e.payload_size / 4);  // it does compress
}

TEST(CacheEntryTest, AgeAndFreshness) {
  const CacheEntry e = Sample();
  EXPECT_TRUE(e.Fresh(e.stored_at));
  EXPECT_TRUE(e.Fresh(e.fresh_until - 1));
  EXPECT_FALSE(e.Fresh(e.fresh_until));
  EXPECT_EQ(e.AgeSeconds(e.stored_at + 90), 90);
  EXPECT_EQ(e.AgeSeconds(e.stored_at - 5), 0);
}

// The fuzz target's seeds (fuzz/corpus/cache_entry/) are values of the current format, so that
// fuzzing starts from inside the decoder rather than at its magic check.
TEST(CacheEntryTest, TheFuzzSeedsAreEntriesOfThisVersion) {
  for (const char* name : {"amadeus_round_trip.bin", "summary_only.bin"}) {
    std::ifstream in(std::string(FAREFLOW_SOURCE_DIR) + "/fuzz/corpus/cache_entry/" + name,
                     std::ios::binary);
    ASSERT_TRUE(in) << name;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto entry = DecodeEntry(bytes.str());
    ASSERT_TRUE(entry) << name << ": " << entry.error().message;
    EXPECT_EQ(EncodeEntry(*entry), bytes.str()) << name;
    EXPECT_TRUE(DecompressPayload(*entry, 1 << 20)) << name;
  }
}

}  // namespace
}  // namespace fareflow::cache
