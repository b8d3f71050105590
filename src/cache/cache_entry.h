#ifndef FAREFLOW_CACHE_CACHE_ENTRY_H_
#define FAREFLOW_CACHE_CACHE_ENTRY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "pipeline/fare_summary.h"

namespace fareflow::cache {

// One supplier answer as the cache keeps it. Immutable once stored: readers share it through
// EntryPtr, so an entry evicted while a search decompresses it stays alive for that search.
struct CacheEntry {
  std::string key_text;  // CacheKey::text of what it answers
  // The payload bytes as received, compressed in zstd frames (cache/payload_frames.h); empty for
  // a supplier that runs in process (the built-in one), whose entry holds only its summary.
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

// The error of an entry that cannot be read back: kMalformed, "cache entry: " + `what`.
tl::unexpected<Error> DamagedEntry(const std::string& what);

}  // namespace fareflow::cache

#endif  // FAREFLOW_CACHE_CACHE_ENTRY_H_
