#ifndef FAREFLOW_STORE_SEARCH_SNAPSHOT_H_
#define FAREFLOW_STORE_SEARCH_SNAPSHOT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "engine/completed_search.h"
#include "refdata/fx_rates.h"

namespace fareflow {

// A finished search as bytes, so that one fareflow instance can write it (to Redis) and another
// rebuild it. A snapshot holds no offers: it holds what replays the search through the very same
// code -- the request, and each supplier's outcome with the payload bytes its offers were parsed
// from -- so the rebuilt search has the same offers in the same order, the same offer ids,
// prices, facets, statuses and counts, whatever the in-memory layout of offers becomes.
//
// Layout, version 3 (integers little-endian; bytes = u64 length + the bytes; list = u32 count +
// the elements), compressed as one zstd frame that states its size and carries a checksum:
//
//   magic "FFSS", version u32
//   id            bytes
//   owner         bytes: the API key id the search belongs to, empty when the API was open
//                 (added in version 2)
//   created       i64 unix milliseconds
//   expires       i64 unix milliseconds
//   request       every field of the SearchRequest (store/snapshot_request.h)
//   suppliers     list, in supplier-index order, of:
//                   name bytes, kind u8 (SupplierKind), status u8 (SupplierStatus), error bytes,
//                   bytes i64, micros i64, max_offers i32,
//                   cache: from_cache u8, age_seconds i64, stale u8 (added in version 3),
//                   replay u8 (0 nothing to replay: failed before a payload arrived;
//                              1 re-parse its payload; 2 rerun the built-in supplier),
//                   payload_size u64 (0 unless replay is 1)
//   digest        u64: XXH3 of the counts and of every deduplicated offer's id, supplier and
//                 price, as the search had them; a rebuild that differs (another fareflow
//                 version, other exchange rates) is refused rather than served
//   payloads      the payload bytes of the suppliers with replay 1, in supplier order, back to
//                 back: last, so that they are streamed into the compressor from the context
//                 without being copied
inline constexpr std::string_view kSearchSnapshotMagic = "FFSS";
inline constexpr uint32_t kSearchSnapshotVersion = 3;
// The most a snapshot may decompress to; larger frames are refused before anything is
// allocated, so a few bytes claiming gigabytes cannot exhaust memory.
inline constexpr std::size_t kMaxSearchSnapshotBytes = std::size_t{512} << 20;

// Encodes `search` (layout above). Every supplier outcome with a batch from a wire format carries
// the payload it was parsed from (SupplierOutcome::payload; every SupplierSource sets it).
// Times are kept to the millisecond (rounded down). Reads only what a refine never writes (the
// request, the outcomes, the payloads and the offers' ids and prices), so it may run while the
// search is being refined, without refine_mu. Takes milliseconds for thousands of offers: call
// it off the response path.
std::string EncodeSearchSnapshot(const CompletedSearch& search);

// Rebuilds a search from a snapshot: a fresh RequestContext with the stored request, every
// payload parsed again at its supplier index (and cut to its max_offers), the built-in supplier
// run again, failed suppliers reported as stored, then the pipeline; with the stored id, owner,
// created and expires. Prices are converted with `fx`, which should be the rates the search ran
// with (the digest refuses a rebuild whose prices differ). Never crashes on any input: truncated,
// corrupt, another version, or more than kMaxSearchSnapshotBytes decompressed are
// kInvalidArgument errors whose message says what was wrong. The search owns all it needs (its
// context holds copies of the payloads), so `bytes` may go once this returns. Blocks for the
// parse, on the calling thread: tens of milliseconds for thousands of offers.
Result<std::shared_ptr<CompletedSearch>> DecodeSearchSnapshot(std::string_view bytes,
                                                              const refdata::FxRates& fx);

}  // namespace fareflow

#endif  // FAREFLOW_STORE_SEARCH_SNAPSHOT_H_
