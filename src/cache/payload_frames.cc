#include "cache/payload_frames.h"

#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <utility>
#include <vector>

namespace fareflow::cache {
namespace {

// Fast: the cache compresses every answer it stores, on the cache's threads.
constexpr int kCompressionLevel = 1;

// One frame: its bytes in CacheEntry::compressed and where its content goes in the payload.
struct Frame {
  std::size_t from = 0;    // offset in compressed
  std::size_t size = 0;    // compressed bytes
  std::size_t to = 0;      // offset in the payload
  std::size_t length = 0;  // payload bytes
};

// The frames of `entry`, which must add up to payload_size bytes: read from the frames' headers
// alone, before anything is allocated for the payload. No more frames than CompressPayload makes
// of that many bytes: a value of many tiny frames (from anything else that can write to Redis)
// cannot make the list larger than the payload's 2 MiB pieces.
Result<std::vector<Frame>> FramesOf(const CacheEntry& entry) {
  const std::string& c = entry.compressed;
  const std::size_t max_frames = entry.payload_size / kPayloadFrameBytes + 1;
  std::vector<Frame> frames;
  std::size_t from = 0;
  std::size_t to = 0;
  while (from < c.size()) {
    if (frames.size() == max_frames) return DamagedEntry("more payload frames than its size makes");
    const std::size_t size = ZSTD_findFrameCompressedSize(c.data() + from, c.size() - from);
    if (ZSTD_isError(size)) return DamagedEntry("payload frame damaged");
    const unsigned long long length = ZSTD_getFrameContentSize(c.data() + from, size);
    if (length == ZSTD_CONTENTSIZE_ERROR || length == ZSTD_CONTENTSIZE_UNKNOWN ||
        length > entry.payload_size - to) {
      return DamagedEntry("payload frames do not match its size");
    }
    frames.push_back(Frame{from, size, to, static_cast<std::size_t>(length)});
    from += size;
    to += static_cast<std::size_t>(length);
  }
  if (frames.empty() || to != entry.payload_size) {
    return DamagedEntry("payload frames do not match its size");
  }
  return frames;
}

// The frames of one payload, taken one at a time by the threads that decompress them. Shared:
// a helper task may run (and find nothing left) after the call that made it has returned; it
// then touches neither the compressed bytes nor the output, which only frames taken point into.
class FrameWork {
 public:
  FrameWork(std::vector<Frame> frames, const char* compressed, char* out)
      : frames_(std::move(frames)), compressed_(compressed), out_(out) {}

  // Decompresses frames until none is left to take.
  void Run() {
    // One context per thread, kept: ZSTD_decompress would allocate a fresh one per frame.
    thread_local std::unique_ptr<ZSTD_DCtx, decltype(&ZSTD_freeDCtx)> dctx(ZSTD_createDCtx(),
                                                                           &ZSTD_freeDCtx);
    for (;;) {
      const std::size_t k = next_.fetch_add(1, std::memory_order_relaxed);
      if (k >= frames_.size()) return;
      const Frame& f = frames_[k];
      std::optional<std::string> error;
      if (dctx == nullptr) {
        error = "out of memory";
      } else {
        const std::size_t n =
            ZSTD_decompressDCtx(dctx.get(), out_ + f.to, f.length, compressed_ + f.from, f.size);
        if (ZSTD_isError(n)) {
          error = std::string("payload: ") + ZSTD_getErrorName(n);
        } else if (n != f.length) {
          error = "payload shorter than its size";
        }
      }
      std::lock_guard lock(mu_);
      if (error && !error_) error_ = std::move(error);
      if (++done_ == frames_.size()) done_cv_.notify_all();
    }
  }

  // After Run has returned on the calling thread: waits for the frames another thread took, and
  // says whether every frame decompressed.
  Result<void> Wait() {
    std::unique_lock lock(mu_);
    done_cv_.wait(lock, [&] { return done_ == frames_.size(); });
    if (error_) return DamagedEntry(*error_);
    return {};
  }

  std::size_t frames() const { return frames_.size(); }

 private:
  const std::vector<Frame> frames_;
  const char* const compressed_;
  char* const out_;
  std::atomic<std::size_t> next_{0};  // the next frame to take
  std::mutex mu_;
  std::condition_variable done_cv_;
  std::size_t done_ = 0;              // frames written (or failed); under mu_
  std::optional<std::string> error_;  // the first failure; under mu_
};

// Decompresses the payload of `entry` into `out` (payload_size bytes), with one helper on `pool`
// when there is a pool and more than one frame.
Result<void> DecompressInto(const CacheEntry& entry, std::vector<Frame> frames, char* out,
                            WorkerPool* pool) {
  auto work = std::make_shared<FrameWork>(std::move(frames), entry.compressed.data(), out);
  if (pool != nullptr && work->frames() > 1) {
    pool->Submit([work](simdjson::ondemand::parser&) { work->Run(); });
  }
  work->Run();
  return work->Wait();
}

}  // namespace

std::string CompressPayload(std::string_view payload) {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  if (cctx == nullptr) throw std::bad_alloc();
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, kCompressionLevel);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1);
  std::size_t bound = 0;
  for (std::size_t at = 0; at == 0 || at < payload.size(); at += kPayloadFrameBytes) {
    bound += ZSTD_compressBound(std::min(kPayloadFrameBytes, payload.size() - at));
  }
  std::string out(bound, '\0');
  std::size_t written = 0;
  std::size_t at = 0;
  do {  // an empty payload is one empty frame
    const std::string_view piece = payload.substr(at, kPayloadFrameBytes);
    const std::size_t size = ZSTD_compress2(cctx.get(), out.data() + written, out.size() - written,
                                            piece.data(), piece.size());
    if (ZSTD_isError(size)) {
      if (ZSTD_getErrorCode(size) == ZSTD_error_memory_allocation) throw std::bad_alloc();
      // Cannot happen with a bound-sized output; an empty frame-less entry reads as damaged.
      return {};
    }
    written += size;
    at += piece.size();
  } while (at < payload.size());
  out.resize(written);
  return out;
}

Result<std::string> DecompressPayload(const CacheEntry& entry, std::size_t max_bytes) {
  if (entry.payload_size > max_bytes) return DamagedEntry("payload larger than allowed");
  if (entry.compressed.empty() && entry.payload_size == 0) return std::string();  // summary only
  Result<std::vector<Frame>> frames = FramesOf(entry);
  if (!frames) return tl::unexpected(frames.error());
  // With room for simdjson's padding, so that the request context keeps this string as it is
  // rather than copying it into a padded one (RequestContext::AddPayload).
  std::string payload;
  payload.reserve(entry.payload_size + simdjson::SIMDJSON_PADDING);
  payload.resize(entry.payload_size);
  if (Result<void> done = DecompressInto(entry, *std::move(frames), payload.data(), nullptr);
      !done) {
    return tl::unexpected(done.error());
  }
  return payload;
}

Result<simdjson::padded_string_view> DecompressPayload(const CacheEntry& entry,
                                                       std::size_t max_bytes, Arena& arena,
                                                       WorkerPool* pool) {
  if (entry.payload_size > max_bytes) return DamagedEntry("payload larger than allowed");
  const std::size_t padded = entry.payload_size + simdjson::SIMDJSON_PADDING;
  if (entry.compressed.empty() && entry.payload_size == 0) {  // summary only
    char* room = arena.AllocateArray<char>(padded);
    std::memset(room, 0, padded);
    return simdjson::padded_string_view(room, 0, padded);
  }
  Result<std::vector<Frame>> frames = FramesOf(entry);
  if (!frames) return tl::unexpected(frames.error());
  char* out = arena.AllocateArray<char>(padded);
  std::memset(out + entry.payload_size, 0, simdjson::SIMDJSON_PADDING);
  if (Result<void> done = DecompressInto(entry, *std::move(frames), out, pool); !done) {
    return tl::unexpected(done.error());
  }
  return simdjson::padded_string_view(out, entry.payload_size, padded);
}

}  // namespace fareflow::cache
