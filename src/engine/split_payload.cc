// ParsePayload with a pool: a large payload parsed in two pieces at once (suppliers/
// payload_piece.h), so that one big payload does not keep one worker busy while the other idles.
//
// The design, and why the answer is always the serial one:
//   1. A cut is guessed near the middle: the first place after it where the format's offer start
//      (`{"type":"flight-offer"`) follows a comma. It may be anywhere: inside a string, inside an
//      offer, in another array.
//   2. The tail piece is queued at the front of the pool: a copy of `reopen` + the bytes from the
//      cut on, parsed as a document of its own into its own arena and batch.
//   3. The head piece, on the calling thread, parses the whole payload as usual but stops when its
//      walk of the offers array stands exactly at the cut, right before an element, with nothing
//      read before that the tail would need. Then the tail document's walk is the rest of the
//      serial walk, token for token. If it never lands there, the head has parsed everything
//      itself and the tail's work is dropped.
//   4. After stopping, the head runs the tail itself if no worker has started it (a flag both
//      claim), else waits for it: a task only ever waits for one that is running, so a pool of any
//      size cannot deadlock. A tail queued on a closed pool is dropped, and then run here.
//   5. Merge: the tail's offers follow the head's, counts add up, the drop detail is the head's or
//      else the tail's (its offer positions shifted: the tail is parsed again with the head's count
//      when its detail is needed), Amadeus's carrier names from the dictionaries the tail read go
//      on the head's offers too, and the tail's arena (its copy of the bytes included) is adopted
//      by the payload's. A tail that fails for any reason means the whole payload is parsed again
//      serially, so a broken payload reports exactly the serial error.
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "engine/payload_parser.h"
#include "engine/split_payload.h"
#include "engine/worker_pool.h"

namespace fareflow {
namespace {

// The tail piece, shared by the task queued on the pool and the call that queued it: whoever
// claims it runs it. Shared because the queued task may be destroyed after the call returns (the
// call claimed it first). The inputs are the caller's and live until the call returns, which is
// after the tail has run or is known never to run.
struct Tail {
  // Inputs.
  SupplierKind kind;
  std::string_view rest;    // the payload from the cut on
  std::string_view reopen;  // static text
  const Enricher* enricher;
  uint16_t supplier;

  std::atomic<bool> claimed{false};
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // under mu

  // Written by whoever runs it, read by the caller after `done` (or after running it).
  std::unique_ptr<Arena> arena;
  std::optional<OfferBatch> batch;
  suppliers::Piece piece;
  Result<void> result;
};

// Parses the tail with `first_index` as its first offer's position, replacing any earlier run.
void RunTail(Tail& tail, simdjson::ondemand::parser& parser, int first_index) {
  tail.arena = std::make_unique<Arena>();
  const std::size_t size = tail.reopen.size() + tail.rest.size();
  // The copy lives in the tail's arena: its offers' strings point into it.
  char* bytes = tail.arena->AllocateArray<char>(size + simdjson::SIMDJSON_PADDING);
  std::memcpy(bytes, tail.reopen.data(), tail.reopen.size());
  std::memcpy(bytes + tail.reopen.size(), tail.rest.data(), tail.rest.size());
  std::memset(bytes + size, 0, simdjson::SIMDJSON_PADDING);
  tail.batch.emplace(tail.arena->resource());
  tail.piece = suppliers::Piece{};
  tail.piece.kind = suppliers::PieceKind::kTail;
  tail.piece.first_index = first_index;
  tail.result = ParsePayloadPiece(
      tail.kind, simdjson::padded_string_view(bytes, size, size + simdjson::SIMDJSON_PADDING),
      parser, *tail.enricher, *tail.arena, tail.supplier, *tail.batch, tail.piece);
}

// Runs the tail here unless a worker has started it; then waits for that worker.
void ClaimOrWait(Tail& tail, simdjson::ondemand::parser& parser) {
  if (!tail.claimed.exchange(true)) {
    RunTail(tail, parser, 0);
    return;
  }
  std::unique_lock lock(tail.mu);
  tail.cv.wait(lock, [&] { return tail.done; });
}

// What `out` held before the head, to put back when the payload is parsed again serially.
struct BatchMark {
  explicit BatchMark(const OfferBatch& out)
      : offers(out.offers.size()),
        received(out.received),
        dropped(out.dropped),
        zone_disagreements(out.zone_disagreements),
        had_detail(!out.first_drop_detail.empty()) {}

  void Restore(OfferBatch& out) const {
    out.offers.resize(offers);
    out.received = received;
    out.dropped = dropped;
    out.zone_disagreements = zone_disagreements;
    if (!had_detail) out.first_drop_detail.clear();
  }

  std::size_t offers;
  int received;
  std::array<int, static_cast<std::size_t>(DropReason::kCount)> dropped;
  ZoneDisagreements zone_disagreements;
  bool had_detail;
};

// Appends the tail's batch to the head's in `out`; `head_from` is where the head's offers begin.
void Merge(Tail& tail, std::size_t head_from, Arena& arena, OfferBatch& out) {
  for (std::size_t i = head_from; i < out.offers.size(); ++i) {
    tail.piece.names.NameCarriers(out.offers[i]);
  }
  const OfferBatch& from = *tail.batch;
  out.offers.insert(out.offers.end(), from.offers.begin(), from.offers.end());
  out.received += from.received;
  for (std::size_t r = 0; r < out.dropped.size(); ++r) out.dropped[r] += from.dropped[r];
  out.zone_disagreements.Merge(from.zone_disagreements);
  if (out.first_drop_detail.empty()) out.first_drop_detail = from.first_drop_detail;
  tail.batch.reset();
  arena.Adopt(std::move(tail.arena));
}

}  // namespace

const char* FindPayloadCut(std::string_view payload, std::string_view offer_start,
                           std::size_t from) {
  if (offer_start.empty()) return nullptr;
  for (std::size_t at = payload.find(offer_start, from); at != std::string_view::npos;
       at = payload.find(offer_start, at + 1)) {
    std::size_t before = at;
    while (before > 0 && (payload[before - 1] == ' ' || payload[before - 1] == '\n' ||
                          payload[before - 1] == '\r' || payload[before - 1] == '\t')) {
      --before;
    }
    if (before > 0 && payload[before - 1] == ',') return payload.data() + at;
  }
  return nullptr;
}

Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out, WorkerPool* pool) {
  if (pool == nullptr || pool->size() < 2 || payload.size() < kSplitPayloadBytes) {
    return ParsePayload(kind, payload, parser, enricher, arena, supplier, out);
  }
  const std::string_view bytes(payload.data(), payload.size());
  const char* cut = FindPayloadCut(bytes, PieceShapeOf(kind, bytes).offer_start, bytes.size() / 2);
  if (cut == nullptr) return ParsePayload(kind, payload, parser, enricher, arena, supplier, out);
  return ParseInPieces(kind, payload, parser, enricher, arena, supplier, out, *pool, cut);
}

Result<void> ParseInPieces(SupplierKind kind, simdjson::padded_string_view payload,
                           simdjson::ondemand::parser& parser, const Enricher& enricher,
                           Arena& arena, uint16_t supplier, OfferBatch& out, WorkerPool& pool,
                           const char* cut, SplitPath* path) {
  SplitPath ignored;
  SplitPath& taken = path != nullptr ? *path : ignored;
  const std::string_view bytes(payload.data(), payload.size());
  const PieceShape shape = PieceShapeOf(kind, bytes);
  if (shape.reopen.empty() || cut < bytes.data() || cut >= bytes.data() + bytes.size()) {
    taken = SplitPath::kWhole;
    return ParsePayload(kind, payload, parser, enricher, arena, supplier, out);
  }

  auto tail = std::make_shared<Tail>();
  tail->kind = kind;
  tail->rest = bytes.substr(static_cast<std::size_t>(cut - bytes.data()));
  tail->reopen = shape.reopen;
  tail->enricher = &enricher;
  tail->supplier = supplier;
  pool.SubmitFront([tail](simdjson::ondemand::parser& worker_parser) {
    if (tail->claimed.exchange(true)) return;  // the head took it
    RunTail(*tail, worker_parser, 0);
    {
      std::lock_guard lock(tail->mu);
      tail->done = true;
    }
    tail->cv.notify_all();
  });

  const BatchMark mark(out);
  suppliers::Piece head;
  head.kind = suppliers::PieceKind::kHead;
  head.cut = cut;
  head.reopen = shape.reopen;
  Result<void> parsed =
      ParsePayloadPiece(kind, payload, parser, enricher, arena, supplier, out, head);
  if (!head.stopped_at_cut) {
    // The head read everything itself (or failed as the serial parse does). A tail a worker has
    // started still reads the caller's bytes and enricher: wait for it before returning.
    if (tail->claimed.exchange(true)) ClaimOrWait(*tail, parser);
    taken = SplitPath::kHeadAlone;
    return parsed;
  }
  ClaimOrWait(*tail, parser);
  if (tail->result && out.first_drop_detail.empty() && !tail->batch->first_drop_detail.empty() &&
      head.next_index != 0) {
    RunTail(*tail, parser, head.next_index);  // its drop detail names the offer's position
  }
  if (!tail->result) {
    // Broken after the cut: the serial parse says exactly how.
    mark.Restore(out);
    taken = SplitPath::kSerialAgain;
    return ParsePayload(kind, payload, parser, enricher, arena, supplier, out);
  }
  Merge(*tail, mark.offers, arena, out);
  taken = SplitPath::kMerged;
  return {};
}

}  // namespace fareflow
