#include "store/search_snapshot.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <new>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include <simdjson.h>
#include <xxhash.h>
#include <zstd.h>
#include <zstd_errors.h>

#include "api/search_request_json.h"
#include "engine/builtin_supplier.h"
#include "engine/payload_parser.h"
#include "engine/run_pipeline.h"
#include "enrich/enricher.h"
#include "store/snapshot_bytes.h"
#include "store/snapshot_request.h"

namespace fareflow {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

// Level 3 over 1: on the W5k workload (four payloads, 35 MB of JSON) level 3 makes a snapshot
// 15% smaller (670 KB against 786 KB) for no measurable cost: encoding takes 17.6 ms at either
// level (zstd alone, 12.4 ms against 11.7 ms) and decoding is as fast. Measured by
// SearchSnapshotTest.W5kWorkloadRebuildsTheSameAnswers, which prints both.
constexpr int kCompressionLevel = 3;

// The most offers a snapshot may ask the built-in supplier to generate: what `--builtin-offers`
// accepts. A corrupt count must not make the decoder generate without bound.
constexpr int kMaxBuiltinOffers = 100'000;

// How a supplier's offers are made again.
enum class Replay : uint8_t {
  kNone,     // it failed before a payload arrived: no offers to make
  kPayload,  // parse its payload again
  kBuiltin,  // run the built-in supplier again
};

// The numbering of these enums is part of the format (see search_snapshot.h).
static_assert(static_cast<int>(SupplierKind::kBuiltin) == 2);
static_assert(static_cast<int>(SupplierStatus::kSkipped) == 6);
static_assert(static_cast<int>(SupplierStatus::kNotCached) == 8);
static_assert(static_cast<int>(SupplierStatus::kTruncated) == 9);
static_assert(static_cast<int>(SupplierStatus::kTlsError) == 10);

// What a snapshot holds, read but not replayed yet. Views point into the decompressed snapshot.
struct StoredSupplier {
  SupplierOutcome outcome;  // as stored: no batch and no payload yet
  Replay replay = Replay::kNone;
  std::string_view payload;
};

struct Snapshot {
  std::string id;
  std::string owner;
  system_clock::time_point created;
  system_clock::time_point expires;
  SearchRequest request;
  std::vector<StoredSupplier> suppliers;
  uint64_t digest = 0;
};

tl::unexpected<Error> Invalid(std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, "search snapshot: " + std::move(message));
}

int64_t UnixMillis(system_clock::time_point t) {
  return std::chrono::floor<milliseconds>(t.time_since_epoch()).count();
}

// Reads unix milliseconds that system_clock can hold (nanoseconds in 64 bits: the years 1678 to
// 2262); anything further out would overflow the conversion.
system_clock::time_point ReadTime(ByteReader& r, std::string_view what) {
  constexpr int64_t kMin = std::chrono::ceil<milliseconds>(system_clock::duration::min()).count();
  constexpr int64_t kMax = std::chrono::floor<milliseconds>(system_clock::duration::max()).count();
  const int64_t ms = r.I64(what);
  if (ms < kMin || ms > kMax) {
    r.Fail(std::string(what) + " " + std::to_string(ms) + " ms is out of range");
    return {};
  }
  return system_clock::time_point(milliseconds(ms));
}

// Names supplier `index` in errors; a corrupt name could be long, so only its start.
std::string Who(std::size_t index, std::string_view name) {
  return "supplier " + std::to_string(index) + " (" + std::string(name.substr(0, 64)) + "): ";
}

Replay ReplayOf(const SupplierOutcome& s) {
  if (s.batch == nullptr) return Replay::kNone;
  return s.kind == SupplierKind::kBuiltin ? Replay::kBuiltin : Replay::kPayload;
}

// What the pipeline made of the suppliers' offers, in 64 bits: the counts, and each deduplicated
// offer's id (its dedupe key), supplier and price, in dedupe order. Filters, ranking, facets and
// pages follow from these and the request.
uint64_t ReplayDigest(const SearchResult& result) {
  std::string bytes;
  ByteWriter w(bytes);
  w.I32(result.received);
  w.I32(result.dropped);
  w.I32(result.parsed);
  w.U64(result.offers.size());
  for (const Offer* offer : result.offers) {
    w.U64(offer->dedupe_key);
    w.U32(offer->supplier);
    w.I64(offer->total_requested.minor);
    w.U32(offer->total_requested.currency.index());
  }
  return XXH3_64bits(bytes.data(), bytes.size());
}

// zstd fails here only to allocate (and on a pledged size that is wrong, a bug of this file).
void CheckZstd(std::size_t code) {
  if (!ZSTD_isError(code)) return;
  if (ZSTD_getErrorCode(code) == ZSTD_error_memory_allocation) throw std::bad_alloc();
  throw std::logic_error(std::string("zstd: ") + ZSTD_getErrorName(code));
}

// One zstd frame of `head` followed by `payloads`, streamed from where they are: the payloads
// are never copied into one buffer. The frame states its size (the decoder checks it before
// allocating) and carries a checksum (corrupt bytes are refused, not replayed).
std::string Compress(std::string_view head, std::span<const std::string_view> payloads) {
  std::size_t total = head.size();
  for (std::string_view p : payloads) total += p.size();
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), &ZSTD_freeCCtx);
  if (cctx == nullptr) throw std::bad_alloc();
  CheckZstd(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_compressionLevel, kCompressionLevel));
  CheckZstd(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_checksumFlag, 1));
  CheckZstd(ZSTD_CCtx_setPledgedSrcSize(cctx.get(), total));

  const std::size_t chunk_size = ZSTD_CStreamOutSize();
  const auto chunk = std::make_unique_for_overwrite<char[]>(chunk_size);
  std::string out;
  auto feed = [&](std::string_view piece, ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{piece.data(), piece.size(), 0};
    std::size_t left = 0;
    do {
      ZSTD_outBuffer o{chunk.get(), chunk_size, 0};
      left = ZSTD_compressStream2(cctx.get(), &o, &in, mode);
      CheckZstd(left);
      out.append(chunk.get(), o.pos);
    } while (mode == ZSTD_e_end ? left != 0 : in.pos < in.size);
  };
  feed(head, ZSTD_e_continue);
  for (std::string_view p : payloads) feed(p, ZSTD_e_continue);
  feed({}, ZSTD_e_end);
  return out;
}

// The decompressed bytes of a snapshot; not zero-filled first, since zstd writes all of them.
struct Plain {
  std::unique_ptr<char[]> data;
  std::size_t size = 0;
};

Result<Plain> Decompress(std::string_view bytes) {
  const unsigned long long size = ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  if (size == ZSTD_CONTENTSIZE_ERROR) return Invalid("not a zstd frame, or a truncated one");
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) return Invalid("the zstd frame does not state its size");
  if (size > kMaxSearchSnapshotBytes) {
    return Invalid("would decompress to " + std::to_string(size) + " bytes, more than the " +
                   std::to_string(kMaxSearchSnapshotBytes) + " allowed");
  }
  Plain plain{std::make_unique_for_overwrite<char[]>(size), static_cast<std::size_t>(size)};
  // Decodes every frame of `bytes` into exactly `size` bytes: more output is an error, not an
  // overrun, and the checksum is verified.
  const std::size_t n = ZSTD_decompress(plain.data.get(), plain.size, bytes.data(), bytes.size());
  if (ZSTD_isError(n)) return Invalid(std::string("corrupt: ") + ZSTD_getErrorName(n));
  if (n != plain.size) {
    return Invalid("decompressed to " + std::to_string(n) + " bytes, not the " +
                   std::to_string(plain.size) + " its frame states");
  }
  return plain;
}

void WriteSupplier(const SupplierOutcome& s, ByteWriter& w) {
  const Replay replay = ReplayOf(s);
  w.Bytes(s.name);
  w.U8(static_cast<uint8_t>(s.kind));
  w.U8(static_cast<uint8_t>(s.status));
  w.Bytes(s.error);
  w.I64(s.bytes);
  w.I64(s.micros);
  w.I32(s.max_offers);
  w.U8(s.cache.from_cache ? 1 : 0);
  w.I64(s.cache.age_seconds);
  w.U8(s.cache.stale ? 1 : 0);
  w.U8(static_cast<uint8_t>(replay));
  w.U64(replay == Replay::kPayload ? s.payload.size() : 0);
}

// Reads the record of supplier `index`; its payload view is set later, from the payload section.
StoredSupplier ReadSupplier(ByteReader& r, std::size_t index, uint64_t& payload_size) {
  StoredSupplier s;
  SupplierOutcome& o = s.outcome;
  o.name = std::string(r.Bytes("supplier name"));
  const uint8_t kind = r.U8("supplier kind");
  const uint8_t status = r.U8("supplier status");
  o.error = std::string(r.Bytes("supplier error"));
  o.bytes = r.I64("supplier bytes");
  o.micros = r.I64("supplier micros");
  o.max_offers = r.I32("supplier max_offers");
  o.cache.from_cache = r.U8("supplier cache source") != 0;
  o.cache.age_seconds = r.I64("supplier cache age");
  o.cache.stale = r.U8("supplier cache stale") != 0;
  const uint8_t replay = r.U8("supplier replay");
  payload_size = r.U64("supplier payload_size");
  if (!r.ok()) return s;
  const std::string who = Who(index, o.name);
  if (!SupplierKindFromNumber(kind)) {
    r.Fail(who + "unknown kind " + std::to_string(kind));
  } else if (status > static_cast<uint8_t>(SupplierStatus::kTlsError)) {
    r.Fail(who + "unknown status " + std::to_string(status));
  } else if (replay > static_cast<uint8_t>(Replay::kBuiltin)) {
    r.Fail(who + "unknown replay " + std::to_string(replay));
  }
  o.kind = static_cast<SupplierKind>(kind);
  o.status = static_cast<SupplierStatus>(status);
  s.replay = static_cast<Replay>(replay);
  if (!r.ok()) return s;
  const bool builtin = o.kind == SupplierKind::kBuiltin;
  if ((s.replay == Replay::kPayload && builtin) || (s.replay == Replay::kBuiltin && !builtin)) {
    r.Fail(who + "replay " + std::to_string(replay) + " does not fit its kind");
  } else if (s.replay != Replay::kPayload && payload_size != 0) {
    r.Fail(who + "has payload bytes but nothing to parse them");
  } else if (s.replay == Replay::kBuiltin &&
             (o.max_offers < 0 || o.max_offers > kMaxBuiltinOffers)) {
    r.Fail(who + "built-in offer count " + std::to_string(o.max_offers) + " is not 0.." +
           std::to_string(kMaxBuiltinOffers));
  }
  return s;
}

// Reads everything but the offers; failures are recorded in `r`.
Snapshot ReadSnapshot(ByteReader& r) {
  Snapshot snapshot;
  if (r.Raw(kSearchSnapshotMagic.size(), "magic") != kSearchSnapshotMagic) {
    r.Fail("not a search snapshot (no \"FFSS\" magic)");
    return snapshot;
  }
  const uint32_t version = r.U32("version");
  if (r.ok() && version != kSearchSnapshotVersion) {
    r.Fail("version " + std::to_string(version) + ", this build reads version " +
           std::to_string(kSearchSnapshotVersion));
    return snapshot;
  }
  snapshot.id = std::string(r.Bytes("id"));
  snapshot.owner = std::string(r.Bytes("owner"));
  snapshot.created = ReadTime(r, "created");
  snapshot.expires = ReadTime(r, "expires");
  snapshot.request = ReadSnapshotRequest(r);

  // Supplier indices are 16 bits (Offer::supplier); a record takes at least 47 bytes.
  const uint32_t count = r.Count("suppliers", 47);
  if (count > std::numeric_limits<uint16_t>::max() + 1u) {
    r.Fail(std::to_string(count) + " suppliers, more than supplier indices can tell apart");
    return snapshot;
  }
  std::vector<uint64_t> payload_sizes(count);
  snapshot.suppliers.reserve(count);
  for (uint32_t i = 0; i < count && r.ok(); ++i) {
    snapshot.suppliers.push_back(ReadSupplier(r, i, payload_sizes[i]));
  }
  snapshot.digest = r.U64("digest");
  if (!r.ok()) return snapshot;

  // The rest is the payloads, back to back: exactly as many bytes as the suppliers name.
  const uint64_t section = r.remaining();
  uint64_t named = 0;  // never more than `section`, so the sum cannot overflow
  bool fits = true;
  for (uint64_t size : payload_sizes) {
    fits = size <= section - named;
    if (!fits) break;
    named += size;
  }
  if (!fits || named != section) {
    r.Fail("the payload section has " + std::to_string(section) +
           " bytes, not what the suppliers name");
    return snapshot;
  }
  for (std::size_t i = 0; i < snapshot.suppliers.size(); ++i) {
    snapshot.suppliers[i].payload = r.Raw(static_cast<std::size_t>(payload_sizes[i]), "payload");
  }
  return snapshot;
}

// Makes supplier `index`'s offers again as the search made them; its outcome is stored in `out`.
Result<void> ReplaySupplier(const StoredSupplier& stored, uint16_t index, const Enricher& enricher,
                            simdjson::ondemand::parser& parser, RequestContext& context,
                            SupplierOutcome& out) {
  const SupplierOutcome& as_stored = stored.outcome;
  switch (stored.replay) {
    case Replay::kNone:
      out = as_stored;
      return {};
    case Replay::kBuiltin:
      out = RunBuiltinSupplier(enricher, context, index, as_stored.max_offers, as_stored.name);
      break;
    case Replay::kPayload: {
      out = as_stored;
      // Copied into the context, which keeps it as long as the offers that point into it (the
      // decompressed snapshot is freed on return), padded as simdjson needs: in the snapshot,
      // the bytes past a payload's end are the next payload's.
      const simdjson::padded_string& payload =
          context.AddPayload(simdjson::padded_string(stored.payload.data(), stored.payload.size()));
      out.payload = payload;
      Arena& arena = context.NewArena();
      OfferBatch& batch = context.NewBatch(arena);
      const Result<void> parsed =
          ParsePayload(out.kind, payload, parser, enricher, arena, index, batch);
      // A failed status whose payload parses is a paged supplier's pages kept before the
      // failure (SupplierOutcome::offers_despite_failure); the replay digest checks the offers.
      out.offers_despite_failure = parsed.has_value() && !HasOffers(as_stored.status);
      if (!parsed && HasOffers(as_stored.status)) {
        return Invalid(Who(index, as_stored.name) + "was " +
                       std::string(SupplierStatusName(as_stored.status)) +
                       " but its payload now fails: " + parsed.error().message);
      }
      // Cut as the search cut it (fanout/search_state.cc).
      batch.KeepFirst(out.max_offers);
      out.batch = &batch;
      break;
    }
  }
  out.status = as_stored.status;
  out.error = as_stored.error;
  out.bytes = as_stored.bytes;
  out.micros = as_stored.micros;
  out.cache = as_stored.cache;
  return {};
}

}  // namespace

std::string EncodeSearchSnapshot(const CompletedSearch& search) {
  std::string head;
  ByteWriter w(head);
  w.Raw(kSearchSnapshotMagic);
  w.U32(kSearchSnapshotVersion);
  w.Bytes(search.id);
  w.Bytes(search.owner);
  w.I64(UnixMillis(search.created));
  w.I64(UnixMillis(search.expires));
  WriteSnapshotRequest(search.request(), w);
  const std::vector<SupplierOutcome>& suppliers = search.result.suppliers;
  std::vector<std::string_view> payloads;
  w.U32(static_cast<uint32_t>(suppliers.size()));
  for (const SupplierOutcome& s : suppliers) {
    WriteSupplier(s, w);
    if (ReplayOf(s) == Replay::kPayload) payloads.push_back(s.payload);
  }
  w.U64(ReplayDigest(search.result));
  return Compress(head, payloads);
}

Result<std::shared_ptr<CompletedSearch>> DecodeSearchSnapshot(std::string_view bytes,
                                                              const refdata::FxRates& fx) {
  Result<Plain> plain = Decompress(bytes);
  if (!plain) return tl::unexpected(plain.error());
  ByteReader reader(std::string_view(plain->data.get(), plain->size));
  Snapshot snapshot = ReadSnapshot(reader);
  if (!reader.ok()) return Invalid(reader.error());
  // Dates are not checked: a stored search's may have passed since it ran.
  if (Result<void> valid = ValidateSearchRequest(snapshot.request, {.check_dates = false});
      !valid) {
    return Invalid("request " + valid.error().field + ": " + valid.error().message);
  }

  auto search = std::make_shared<CompletedSearch>();
  search->id = std::move(snapshot.id);
  search->owner = std::move(snapshot.owner);
  search->created = snapshot.created;
  search->expires = snapshot.expires;
  search->context = std::make_unique<RequestContext>(std::move(snapshot.request));
  RequestContext& context = *search->context;
  const Enricher enricher(context.request(), fx);
  // One parser for the whole rebuild, on this thread: rebuilds are rare (a search asked of an
  // instance that did not run it), so they do not hold a worker's parser.
  simdjson::ondemand::parser parser;
  std::vector<SupplierOutcome> outcomes(snapshot.suppliers.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    Result<void> replayed = ReplaySupplier(snapshot.suppliers[i], static_cast<uint16_t>(i),
                                           enricher, parser, context, outcomes[i]);
    if (!replayed) return tl::unexpected(replayed.error());
  }
  Result<SearchResult> result = RunPipeline(context, std::move(outcomes), search->id);
  if (!result) return Invalid("the pipeline refused the request: " + result.error().message);
  if (ReplayDigest(*result) != snapshot.digest) {
    return Invalid(
        "the rebuilt search differs from the stored one (another fareflow version, or other "
        "exchange rates)");
  }
  search->result = std::move(*result);
  return search;
}

}  // namespace fareflow
