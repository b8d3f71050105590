#ifndef FAREFLOW_CACHE_CACHE_ENTRY_H_
#define FAREFLOW_CACHE_CACHE_ENTRY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "pipeline/fare_summary.h"

namespace fareflow::cache {

// One supplier answer as the cache keeps it. Immutable once stored: readers share it through
// EntryPtr, so an entry evicted while a search decompresses it stays alive for that search.
struct CacheEntry {
  std::string key_text;  // CacheKey::text of what it answers
  // The payload bytes as received, as one zstd frame; empty for a supplier that runs in process
  // (the built-in one), whose entry holds only its summary.
  std::string compressed;
  std::size_t payload_size = 0;  // bytes once decompressed
  FareSummary summary;           // of the offers the payload yielded
  int64_t stored_at = 0;         // unix seconds, when the answer was received
  int64_t fresh_until = 0;       // unix seconds; stale from then on
  int64_t keep_until = 0;        // unix seconds; gone from then on (fresh_until + max_stale)

  bool Fresh(int64_t now) const { return now < fresh_until; }
  int64_t AgeSeconds(int64_t now) const { return now > stored_at ? now - stored_at : 0; }
  // What the entry costs the in-process tier: its strings and the struct.
  std::size_t Bytes() const;
};

using EntryPtr = std::shared_ptr<const CacheEntry>;

// An entry as the Redis tier stores it: a versioned binary value (magic, version, fields, the
// summary field by field, key text, compressed payload). DecodeEntry refuses anything else
// (kMalformed): a value written by another version, or cut short, is a miss.
std::string EncodeEntry(const CacheEntry& entry);
Result<CacheEntry> DecodeEntry(std::string_view value);

// zstd of `payload` at a fast level: what CacheEntry::compressed holds.
std::string CompressPayload(std::string_view payload);
// The payload of `entry`; kMalformed when the frame is damaged or does not decompress to
// payload_size bytes, or payload_size is above `max_bytes`.
Result<std::string> DecompressPayload(const CacheEntry& entry, std::size_t max_bytes);
// The same, decompressed into memory from `arena` and followed by simdjson's padding (zeros):
// the view is valid until the arena is released. A search reads its cached answers this way.
// Why: the arenas' large blocks are kept from search to search, already faulted in and in huge
// pages (core/arena.h), where a fresh string of a W5k-size answer (45 MB) was faulted in and
// zero-filled first, which took longer than decompressing into it.
Result<simdjson::padded_string_view> DecompressPayload(const CacheEntry& entry,
                                                       std::size_t max_bytes, Arena& arena);

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_CACHE_ENTRY_H_
