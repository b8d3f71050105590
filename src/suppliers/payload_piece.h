#ifndef FAREFLOW_SUPPLIERS_PAYLOAD_PIECE_H_
#define FAREFLOW_SUPPLIERS_PAYLOAD_PIECE_H_

#include <atomic>
#include <cstddef>
#include <string_view>

#include "suppliers/carrier_names.h"
#include "suppliers/chunked_index.h"

namespace fareflow::suppliers {

// A large payload may be parsed in two pieces on two threads (engine/split_payload.cc): the head,
// read from the whole payload's bytes but stopping at a cut just before one element of the
// offers array, and the tail, a copy of the bytes from that element on behind a few bytes that
// reopen the containers the offers array is in (`{"data":[`), so that the tail is a document of
// its own whose walk is the rest of the head's. A Piece says which piece one call of a format's
// top-level parser reads, and carries back what that piece learned that the merge needs.
//
// The head is the authority: it stops only when its walk, right after an element of the offers
// array, stands exactly at the cut (so the cut was not inside a string nor inside an offer) and
// it read nothing before the cut that the tail's parse would have needed; otherwise it reads the
// rest itself and the tail's work is discarded.
// Where a head piece must stop: set while the head runs, by the thread that starts the tail (it
// picks a cut ahead of how far the head has come), or before. Shared by the two threads.
class CutPoint {
 public:
  CutPoint() = default;
  explicit CutPoint(const char* cut) : cut_(cut) {}

  // Called by the head at every element of the offers array it comes to, before reading it, with
  // the element's first byte: records how far it has come, and says whether it must stop here.
  bool StopsAt(const char* at) {
    progress_.store(at, std::memory_order_relaxed);
    return cut_.load(std::memory_order_acquire) == at;
  }
  // The first byte of the last element the head came to; null before the first.
  const char* progress() const { return progress_.load(std::memory_order_relaxed); }
  // Called by a head whose payload is indexed in chunks (chunked_index.h) with the end of what it
  // has indexed, before it reads what it indexed; null until then, and for a head indexed at once.
  void Indexed(const char* end) { indexed_.store(end, std::memory_order_relaxed); }
  const char* indexed() const { return indexed_.load(std::memory_order_relaxed); }
  // Where the head must stop, when set and not closed; null otherwise.
  const char* cut() const {
    const char* at = cut_.load(std::memory_order_acquire);
    return at == &closed_ ? nullptr : at;
  }
  // Sets the cut, unless one is set already or the head has finished (Close): true when set.
  bool Publish(const char* cut) {
    const char* none = nullptr;
    return cut_.compare_exchange_strong(none, cut, std::memory_order_acq_rel);
  }
  // The head has finished: no cut may be set from now on. False when one was set before.
  bool Close() {
    const char* none = nullptr;
    return cut_.compare_exchange_strong(none, &closed_, std::memory_order_acq_rel);
  }

 private:
  static constexpr char closed_ = 0;  // the cut once closed: no element begins there
  std::atomic<const char*> cut_{nullptr};
  std::atomic<const char*> progress_{nullptr};
  std::atomic<const char*> indexed_{nullptr};
};

enum class PieceKind {
  kWhole,  // the whole payload, as usual
  kHead,   // the whole payload's bytes, stopping at `cut` when the walk lands on it
  kTail,   // a tail document (reopen + the bytes from the cut's element on)
};

struct Piece {
  PieceKind kind = PieceKind::kWhole;
  // kHead: where to stop (a view into the payload, the first byte of an element of the offers
  // array), and how far the walk has come. The caller's; null: never stops.
  CutPoint* cut = nullptr;
  // kHead: the bytes the tail was given before the element at the cut, and so the containers it
  // claims the cut is in. The head stops only when they are the ones its walk is in. Static text.
  std::string_view reopen;
  // kTail: the position in its array of the tail's first offer (only drop details show it).
  int first_index = 0;
  // How many bytes of the payload are indexed at a time, at least (chunked_index.h); 0: all at
  // once. Tests index in small chunks to put many boundaries in small payloads.
  std::size_t chunk_bytes = ChunkedIndex::ChunkBytes();

  // Set by a parse indexed in chunks that was made again with the whole index: a guessed chunk
  // boundary was not before an offer, or the payload is broken (chunked_index.h).
  bool indexed_again = false;
  // Set by a kHead parse: true when it stopped at the cut (nothing after it was read).
  bool stopped_at_cut = false;
  // Set by a kHead parse that stopped: the position of the element at the cut in its array.
  int next_index = 0;
  // Set by a kTail parse (Amadeus): the carrier names of the dictionaries, which the head's
  // offers need too. The views live as long as the tail's bytes and arena.
  CarrierNames names;
  // Set by a kTail parse that dropped an offer: the bytes of the first dropped offer's element
  // (from its first byte to the next element's, a view into the tail's bytes; empty when it was
  // the last) and its position in the tail, so that the merge can give it its position in the
  // whole payload by parsing that element alone (its drop detail names the position).
  std::string_view first_drop;
  int first_drop_index = -1;

  // A kTail walk of the offers array: `Reached` at every element before it is read, with its
  // first byte; `Took` after it is read, with whether the batch has a drop detail now.
  void Reached(const char* at) {
    if (drop_start_ == nullptr || !first_drop.empty()) return;
    first_drop = std::string_view(drop_start_, static_cast<std::size_t>(at - drop_start_));
  }
  void Took(const char* at, int index, bool has_drop_detail) {
    if (!has_drop_detail || first_drop_index >= 0) return;
    first_drop_index = index;
    drop_start_ = at;
  }

 private:
  const char* drop_start_ = nullptr;
};

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_PAYLOAD_PIECE_H_
