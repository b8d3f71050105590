// Payloads compressed in frames (cache/payload_frames.h), decompressed on one thread, into an
// arena, and on a real worker pool.
#include "cache/payload_frames.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <zstd.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/arena.h"
#include "engine/worker_pool.h"

namespace fareflow::cache {
namespace {

// `bytes` of JSON-like text that does not repeat from frame to frame: every frame's content is
// its own, so a frame written in the wrong place would show.
std::string Payload(std::size_t bytes) {
  std::string out = "[";
  for (uint64_t i = 0; out.size() < bytes; ++i) {
    out += "{\"id\":" + std::to_string(i * 2654435761u % 1000003u) + "},";
  }
  out.resize(bytes);
  return out;
}

CacheEntry EntryOf(const std::string& payload) {
  CacheEntry e;
  e.compressed = CompressPayload(payload);
  e.payload_size = payload.size();
  return e;
}

// The frames of a compressed payload, as any zstd decoder finds them.
std::vector<std::size_t> FrameSizes(const std::string& compressed) {
  std::vector<std::size_t> sizes;
  for (std::size_t at = 0; at < compressed.size();) {
    const std::size_t size =
        ZSTD_findFrameCompressedSize(compressed.data() + at, compressed.size() - at);
    if (ZSTD_isError(size)) return {};
    sizes.push_back(
        static_cast<std::size_t>(ZSTD_getFrameContentSize(compressed.data() + at, size)));
    at += size;
  }
  return sizes;
}

std::string_view View(simdjson::padded_string_view v) { return {v.data(), v.size()}; }

TEST(PayloadFramesTest, ALargePayloadIsFramesOfAFixedSizeThatAnyZstdDecoderReadsWhole) {
  const std::string payload = Payload(2 * kPayloadFrameBytes + 12345);
  const CacheEntry e = EntryOf(payload);
  EXPECT_EQ(FrameSizes(e.compressed),
            (std::vector<std::size_t>{kPayloadFrameBytes, kPayloadFrameBytes, 12345}));
  std::string plain(payload.size(), '\0');
  EXPECT_EQ(ZSTD_decompress(plain.data(), plain.size(), e.compressed.data(), e.compressed.size()),
            payload.size());
  EXPECT_EQ(plain, payload);
  // Small and empty payloads are one frame.
  EXPECT_EQ(FrameSizes(EntryOf("{}").compressed), (std::vector<std::size_t>{2}));
  EXPECT_EQ(FrameSizes(EntryOf("").compressed), (std::vector<std::size_t>{0}));
}

// An entry stored before payloads were framed (one frame of the whole payload, in Redis) still
// reads.
TEST(PayloadFramesTest, AnEntryOfOneFrameOfAnySizeStillReads) {
  const std::string payload = Payload(kPayloadFrameBytes * 3 / 2);
  CacheEntry e;
  e.compressed.resize(ZSTD_compressBound(payload.size()));
  e.compressed.resize(
      ZSTD_compress(e.compressed.data(), e.compressed.size(), payload.data(), payload.size(), 1));
  e.payload_size = payload.size();
  EXPECT_EQ(*DecompressPayload(e, payload.size()), payload);
  Arena arena;
  WorkerPool pool(2);
  auto read = DecompressPayload(e, payload.size(), arena, &pool);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(View(*read), payload);
}

// A search decompresses a cached answer into its arena, its frames on its own thread and on a
// worker of the pool: the same bytes, followed by simdjson's padding, zeroed.
TEST(PayloadFramesTest, FramesDecompressedOnTwoThreadsIntoAnArenaAreThePayloadPadded) {
  const std::string payload = Payload(9 * kPayloadFrameBytes + 777);
  const CacheEntry e = EntryOf(payload);
  WorkerPool pool(2);
  for (int round = 0; round < 20; ++round) {  // the helper comes early, late or not at all
    Arena arena;
    auto read = DecompressPayload(e, payload.size(), arena, round % 2 == 0 ? &pool : nullptr);
    ASSERT_TRUE(read) << read.error().message;
    ASSERT_EQ(View(*read), payload) << round;
    ASSERT_GE(read->capacity(), read->size() + simdjson::SIMDJSON_PADDING);
    EXPECT_EQ(std::string_view(read->data() + read->size(), simdjson::SIMDJSON_PADDING),
              std::string(simdjson::SIMDJSON_PADDING, '\0'));
  }
}

TEST(PayloadFramesTest, ADamagedFrameAnywhereIsRefusedOnEveryPath) {
  const std::string payload = Payload(4 * kPayloadFrameBytes);
  const CacheEntry good = EntryOf(payload);
  const std::vector<std::size_t> sizes = FrameSizes(good.compressed);
  ASSERT_EQ(sizes.size(), 4u);
  WorkerPool pool(2);
  // A byte flipped in the middle of each frame's bytes in turn.
  std::size_t at = 0;
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const std::size_t size =
        ZSTD_findFrameCompressedSize(good.compressed.data() + at, good.compressed.size() - at);
    CacheEntry damaged = good;
    damaged.compressed[at + size / 2] ^= 0x5a;
    at += size;
    auto s = DecompressPayload(damaged, payload.size());
    ASSERT_FALSE(s) << k;
    EXPECT_EQ(s.error().code, ErrorCode::kMalformed);
    Arena arena;
    auto a = DecompressPayload(damaged, payload.size(), arena, &pool);
    ASSERT_FALSE(a) << k;
    EXPECT_EQ(a.error().code, ErrorCode::kMalformed);
  }
}

TEST(PayloadFramesTest, FramesThatDoNotAddUpOrPassTheLimitAreRefusedBeforeAnythingIsAllocated) {
  const std::string payload = Payload(3 * kPayloadFrameBytes);
  const CacheEntry good = EntryOf(payload);
  CacheEntry longer = good;  // the entry says more than its frames hold
  longer.payload_size += 1;
  CacheEntry shorter = good;  // or less
  shorter.payload_size -= 1;
  CacheEntry cut = good;  // a frame cut short
  cut.compressed.resize(cut.compressed.size() - 10);
  CacheEntry not_zstd = good;
  not_zstd.compressed = "not a zstd frame at all";
  CacheEntry empty = good;
  empty.compressed.clear();
  Arena arena;
  WorkerPool pool(2);
  for (const CacheEntry* refused : {&longer, &shorter, &cut, &not_zstd, &empty}) {
    EXPECT_FALSE(DecompressPayload(*refused, 1 << 30));
    const std::size_t reserved = arena.reserved_bytes();
    auto r = DecompressPayload(*refused, 1 << 30, arena, &pool);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kMalformed);
    EXPECT_EQ(arena.reserved_bytes(), reserved);
  }
  // More frames than CompressPayload makes of the payload's size, each a valid zstd frame.
  CacheEntry tiny_frames;
  for (int i = 0; i < 3; ++i) tiny_frames.compressed += CompressPayload("0123456789");
  tiny_frames.payload_size = 30;
  EXPECT_FALSE(DecompressPayload(tiny_frames, 1 << 30));
  EXPECT_FALSE(DecompressPayload(tiny_frames, 1 << 30, arena, &pool));
  CacheEntry one_frame = tiny_frames;  // the same bytes in one frame read
  one_frame.compressed = CompressPayload("012345678901234567890123456789");
  EXPECT_EQ(*DecompressPayload(one_frame, 1 << 30), "012345678901234567890123456789");
  // Frames claiming far more than the caller allows: refused by the limit.
  const std::size_t reserved = arena.reserved_bytes();
  EXPECT_FALSE(DecompressPayload(good, payload.size() - 1));
  EXPECT_FALSE(DecompressPayload(good, payload.size() - 1, arena, &pool));
  EXPECT_EQ(arena.reserved_bytes(), reserved);
  EXPECT_TRUE(DecompressPayload(good, payload.size(), arena, &pool));
}

TEST(PayloadFramesTest, ASummaryOnlyEntryIsAnEmptyPaddedPayload) {
  CacheEntry summary_only;
  Arena arena;
  auto empty = DecompressPayload(summary_only, 1 << 20, arena);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_GE(empty->capacity(), simdjson::SIMDJSON_PADDING);
  EXPECT_EQ(*DecompressPayload(summary_only, 1 << 20), "");
}

}  // namespace
}  // namespace fareflow::cache
