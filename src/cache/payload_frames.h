#ifndef FAREFLOW_CACHE_PAYLOAD_FRAMES_H_
#define FAREFLOW_CACHE_PAYLOAD_FRAMES_H_

#include <cstddef>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "cache/cache_entry.h"
#include "core/arena.h"
#include "core/result.h"
#include "engine/worker_pool.h"

namespace fareflow::cache {

// A payload as CacheEntry::compressed holds it: zstd frames of kPayloadFrameBytes of the payload
// each (the last one shorter), one after another, each with its content size and a checksum, so
// that a damaged frame fails to decompress instead of yielding other bytes. A zstd stream of
// several frames is still one zstd stream: any zstd decoder reads it whole.
//
// Why frames: a large answer's frames are decompressed on two threads at once. With one frame, a
// search of a W5k-size answer (45 MB) from the cache took 30.0 ms (p50, `scripts/bench`'s cache
// rows), 5.6 ms more than parsing the same bytes from memory; in frames, within 0.5 ms of it.
// 2 MiB frames cost the ratio little, since at the fast level the cache uses zstd looks back
// only 512 KiB anyway: the W20k payloads compress 4 % larger than in one frame.
inline constexpr std::size_t kPayloadFrameBytes = std::size_t{2} << 20;

// `payload` compressed at a fast level, in frames: what CacheEntry::compressed holds.
std::string CompressPayload(std::string_view payload);

// The payload of `entry`; kMalformed when a frame is damaged, the frames do not add up to
// payload_size bytes (checked before anything is allocated: the sizes come from a value another
// process wrote), or payload_size is above `max_bytes`.
Result<std::string> DecompressPayload(const CacheEntry& entry, std::size_t max_bytes);

// The same, decompressed into memory from `arena` and followed by simdjson's padding (zeros):
// the view is valid until the arena is released. A search reads its cached answers this way: the
// arenas' large blocks are kept from search to search, faulted in and in huge pages (core/arena.h),
// where a fresh string of a W5k-size answer was faulted in and zero-filled first, which took
// longer than decompressing into it.
//
// With `pool`, a payload of several frames is decompressed on the calling thread and on one of
// the pool's workers at once: the calling thread queues a helper task and takes frames one at a
// time, as the helper does once a worker runs it; the call returns once every frame is written,
// waiting at most for the frame the helper is writing. It never waits for a helper no worker has
// taken (so a worker may call it): one that runs later finds nothing left and touches nothing.
Result<simdjson::padded_string_view> DecompressPayload(const CacheEntry& entry,
                                                       std::size_t max_bytes, Arena& arena,
                                                       WorkerPool* pool = nullptr);

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_PAYLOAD_FRAMES_H_
