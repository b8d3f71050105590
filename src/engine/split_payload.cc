// ParsePayload with a pool: a large payload parsed in two pieces at once (suppliers/
// payload_piece.h), so that one big payload does not keep one worker busy while another idles.
//
// The design, and why the answer is always the serial one:
//   1. The thread that takes the payload queues a small task on the pool, then parses
//      the payload itself as the head piece: as usual, but at every element of the offers array it
//      records how far it has come and stops if that element begins exactly at the cut. A payload
//      indexed in chunks (suppliers/chunked_index.h) ends the chunk before the cut there, and the
//      head records how far it has indexed.
//   2. If a worker is free while the head runs, once the payloads queued before have started (the
//      task waits behind them: a whole payload costs no copy), it takes the task and picks a cut
//      4/7 of the way through what the head has not indexed (or two thirds through what it has not
//      read, when it indexed everything first: TailShare): the first place after that where the
//      format's offer start (`{"type":"flight-offer"`) follows a comma.
//      It may be anywhere: inside a string, inside an offer, in another array, or already behind
//      the head. It publishes the cut and parses the tail: a copy of `reopen` (`{"data":[`) + the
//      bytes from the cut on, a document of its own, into its own arena and batch. No free worker:
//      the head simply parses everything, and the task, when it runs, finds the head finished and
//      does nothing.
//   3. The head stops only when its walk, right before an element of the offers array the tail
//      was told of, stands exactly at the cut, with nothing read before that the tail would need.
//      Then the tail document's walk is the rest of the serial walk, token for token. Otherwise
//      the head parses everything itself and the tail's work is dropped.
//   4. After stopping, the head waits for the tail, which is running; after parsing everything,
//      it closes the cut and waits for a tail that started. A task only ever waits for one that is
//      running, so a pool of any size cannot deadlock; a task dropped by a closed pool never runs.
//   5. Merge: the tail's offers follow the head's, counts add up, the drop detail is the head's or
//      else the tail's (its offer positions shifted: the tail is parsed again with the head's count
//      when its detail is needed), Amadeus's carrier names from the dictionaries the tail read go
//      on the head's offers too, and the tail's arena (its copy of the bytes included) is adopted
//      by the payload's. A tail that fails for any reason means the whole payload is parsed again
//      serially, so a broken payload reports exactly the serial error.
// ParseInPieces (tests) sets the cut before the head starts instead; the head then runs the tail
// itself if no worker has taken it (a flag both claim).
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "engine/payload_parser.h"
#include "engine/split_payload.h"
#include "engine/worker_pool.h"
#include "suppliers/chunked_index.h"
#include "suppliers/json_fields.h"

namespace fareflow {
namespace {

// The tail piece, shared by the task queued on the pool and the call that queued it: whoever
// claims it runs it. Shared because the queued task may be destroyed after the call returns. The
// inputs are the caller's and live until the call returns, which is after the tail has run or is
// known never to run.
struct Tail {
  // Inputs.
  SupplierKind kind;
  std::string_view bytes;   // the whole payload
  std::string_view reopen;  // static text
  std::string_view offer_start;
  const Enricher* enricher;
  uint16_t supplier;
  suppliers::CutPoint cut;

  std::atomic<bool> claimed{false};
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // under mu

  // Written by whoever runs it, read by the caller after `done` (or after running it itself).
  const char* from = nullptr;  // where it begins: the cut
  std::unique_ptr<Arena> arena;
  std::optional<OfferBatch> batch;
  suppliers::Piece piece;
  Result<void> result;
};

// How many of the `left` bytes the head has not reached the tail takes. A byte of the tail costs
// about twice a byte of a head that has indexed the whole payload already: the tail copies its
// bytes and indexes them again before reading them. So when the head has indexed everything, the
// tail takes a third, and both pieces end together (with half, the tail finished after the head
// and a search of several payloads took longer than with no split at all: scripts/bench, W5k and
// W20k pools). A head that has bytes left to index (a payload indexed in chunks, or one whose
// whole index is not built yet) pays an index on top of the read for each of them, and with a
// third the tail ended 4-5 ms before such a head of 30 MB (a trace of the W20k pool, where the
// last payload starts about when the other worker falls idle); with 3/7 they end within a
// millisecond.
std::size_t TailShare(std::size_t left, bool head_indexed) {
  return head_indexed ? left / 3 : left / 7 * 3;
}

// Parses the tail from `tail.from` with `first_index` as its first offer's position, replacing
// any earlier run.
void RunTail(Tail& tail, simdjson::ondemand::parser& parser, int first_index) {
  const std::string_view rest =
      tail.bytes.substr(static_cast<std::size_t>(tail.from - tail.bytes.data()));
  tail.batch.reset();  // its offers are in the arena replaced next
  tail.arena = std::make_unique<Arena>();
  const std::size_t size = tail.reopen.size() + rest.size();
  // The copy lives in the tail's arena: its offers' strings point into it.
  char* bytes = tail.arena->AllocateArray<char>(size + simdjson::SIMDJSON_PADDING);
  std::memcpy(bytes, tail.reopen.data(), tail.reopen.size());
  std::memcpy(bytes + tail.reopen.size(), rest.data(), rest.size());
  std::memset(bytes + size, 0, simdjson::SIMDJSON_PADDING);
  tail.batch.emplace(tail.arena->resource());
  tail.piece = suppliers::Piece{};
  tail.piece.kind = suppliers::PieceKind::kTail;
  tail.piece.first_index = first_index;
  tail.result = ParsePayloadPiece(
      tail.kind, simdjson::padded_string_view(bytes, size, size + simdjson::SIMDJSON_PADDING),
      parser, *tail.enricher, *tail.arena, tail.supplier, *tail.batch, tail.piece);
}

void MarkDone(Tail& tail) {
  {
    std::lock_guard lock(tail.mu);
    tail.done = true;
  }
  tail.cv.notify_all();
}

// The queued task: claims the tail, picks a cut ahead of the head and parses from it, unless the
// head has claimed it or finished, or too little is left to be worth a second thread.
void StartTail(Tail& tail, simdjson::ondemand::parser& parser) {
  if (tail.claimed.exchange(true)) return;  // the head took it (ParseInPieces)
  if (tail.from == nullptr) {
    // How far the head has come: the end of what it has indexed, when it indexes in chunks;
    // otherwise the last element its walk came to, everything being indexed once it walks.
    const char* indexed = tail.cut.indexed();
    const char* progress = indexed != nullptr ? indexed : tail.cut.progress();
    const std::size_t reached =
        progress == nullptr ? 0 : static_cast<std::size_t>(progress - tail.bytes.data());
    const std::size_t left = tail.bytes.size() - std::min(reached, tail.bytes.size());
    const bool head_indexed = indexed == nullptr && progress != nullptr;
    const char* cut =
        left < kSplitPayloadBytes / 2
            ? nullptr
            : suppliers::FindElementStart(tail.bytes, tail.offer_start,
                                          reached + left - TailShare(left, head_indexed));
    if (cut == nullptr || !tail.cut.Publish(cut)) {
      MarkDone(tail);  // nothing to do: the head parses everything
      return;
    }
    tail.from = cut;
  }
  RunTail(tail, parser, 0);
  MarkDone(tail);
}

// Waits for a tail a worker has claimed; runs it here when none has (the cut was set first).
void ClaimOrWait(Tail& tail, simdjson::ondemand::parser& parser) {
  if (!tail.claimed.exchange(true)) {
    if (tail.from != nullptr) RunTail(tail, parser, 0);
    return;
  }
  std::unique_lock lock(tail.mu);
  tail.cv.wait(lock, [&] { return tail.done; });
}

// The tail's drop detail as the serial parse writes it, with the position its first dropped offer
// has in the whole payload: that offer's element parsed alone, as a tail document of one element
// beginning at that position. False when that cannot be done (the offer was the tail's last): the
// caller parses the whole tail again.
bool RenumberDropDetail(Tail& tail, simdjson::ondemand::parser& parser, int head_count) {
  std::string_view element = tail.piece.first_drop;
  auto trim = [&element] {
    while (!element.empty() && suppliers::IsJsonSpace(element.back())) element.remove_suffix(1);
  };
  trim();
  if (element.empty() || element.back() != ',') return false;
  element.remove_suffix(1);
  trim();
  std::string document(tail.reopen);
  document += element;
  for (auto it = tail.reopen.rbegin(); it != tail.reopen.rend(); ++it) {
    if (*it == '[') document += ']';
    if (*it == '{') document += '}';
  }
  const simdjson::padded_string bytes(document);
  Arena arena;
  OfferBatch batch(arena.resource());
  suppliers::Piece piece;
  piece.kind = suppliers::PieceKind::kTail;
  piece.first_index = head_count + tail.piece.first_drop_index;
  const Result<void> parsed = ParsePayloadPiece(tail.kind, bytes, parser, *tail.enricher, arena,
                                                tail.supplier, batch, piece);
  if (!parsed || batch.received != 1 || batch.first_drop_detail.empty()) return false;
  tail.batch->first_drop_detail = batch.first_drop_detail;
  return true;
}

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

// The head on this thread and the tail from `tail` (queued on `pool`), merged.
Result<void> ParseHeadAndTail(simdjson::padded_string_view payload,
                              simdjson::ondemand::parser& parser, Arena& arena, OfferBatch& out,
                              WorkerPool& pool, const std::shared_ptr<Tail>& tail,
                              SplitPath& taken) {
  pool.Submit(
      [tail](simdjson::ondemand::parser& worker_parser) { StartTail(*tail, worker_parser); });
  const OfferBatch::Mark mark(out);
  suppliers::Piece head;
  head.kind = suppliers::PieceKind::kHead;
  head.cut = &tail->cut;
  head.reopen = tail->reopen;
  Result<void> parsed = ParsePayloadPiece(tail->kind, payload, parser, *tail->enricher, arena,
                                          tail->supplier, out, head);
  if (!head.stopped_at_cut) {
    // The head read everything itself (or failed as the serial parse does). A tail a worker has
    // started still reads the caller's bytes and enricher: wait for it before returning.
    tail->cut.Close();
    if (tail->claimed.exchange(true)) ClaimOrWait(*tail, parser);
    taken = SplitPath::kHeadAlone;
    return parsed;
  }
  ClaimOrWait(*tail, parser);
  if (tail->result && out.first_drop_detail.empty() && !tail->batch->first_drop_detail.empty() &&
      head.next_index != 0 && !RenumberDropDetail(*tail, parser, head.next_index)) {
    RunTail(*tail, parser, head.next_index);  // its drop detail names the offer's position
  }
  if (!tail->result) {
    // Broken after the cut: the serial parse says exactly how.
    mark.Restore(out);
    taken = SplitPath::kSerialAgain;
    return ParsePayload(tail->kind, payload, parser, *tail->enricher, arena, tail->supplier, out);
  }
  Merge(*tail, mark.offers(), arena, out);
  taken = SplitPath::kMerged;
  return {};
}

std::shared_ptr<Tail> NewTail(SupplierKind kind, std::string_view bytes, const PieceShape& shape,
                              const Enricher& enricher, uint16_t supplier, const char* cut) {
  auto tail = std::make_shared<Tail>();
  tail->kind = kind;
  tail->bytes = bytes;
  tail->reopen = shape.reopen;
  tail->offer_start = shape.offer_start;
  tail->enricher = &enricher;
  tail->supplier = supplier;
  if (cut != nullptr) {
    tail->cut.Publish(cut);
    tail->from = cut;
  }
  return tail;
}

}  // namespace

Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out, WorkerPool* pool) {
  const std::string_view bytes(payload.data(), payload.size());
  const PieceShape shape = pool == nullptr || pool->size() < 2 || bytes.size() < kSplitPayloadBytes
                               ? PieceShape{}
                               : PieceShapeOf(kind, bytes);
  if (shape.reopen.empty()) {
    return ParsePayload(kind, payload, parser, enricher, arena, supplier, out);
  }
  SplitPath taken;
  return ParseHeadAndTail(payload, parser, arena, out, *pool,
                          NewTail(kind, bytes, shape, enricher, supplier, nullptr), taken);
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
  return ParseHeadAndTail(payload, parser, arena, out, pool,
                          NewTail(kind, bytes, shape, enricher, supplier, cut), taken);
}

}  // namespace fareflow
