#ifndef FAREFLOW_SUPPLIERS_READ_INDEXED_H_
#define FAREFLOW_SUPPLIERS_READ_INDEXED_H_

#include <string_view>

#include <simdjson.h>

#include "core/result.h"
#include "model/offer_batch.h"
#include "suppliers/chunked_index.h"
#include "suppliers/payload_piece.h"

namespace fareflow::suppliers {

// Reads a payload the way both supplier formats do: `read(ChunkedIndex&) -> Result<void>` walks
// it with the payload indexed a chunk at a time (chunked_index.h). That parse stands when it
// succeeded and either indexed every chunk or was a head that stopped at its cut. Otherwise (the
// payload is broken, or a guessed chunk boundary was wrong) `out` and `piece` are put back as
// they were, `piece.indexed_again` is set, and `read` walks the payload again with the whole
// index, whose answer, error included, is simdjson's. On failure `out` is as it was.
//
// `offer_start`: how an element of the format's offers array begins (FindElementStart). `cut`:
// the head's cut to end a chunk at, or null when the walk never stops at it.
template <typename Read>
Result<void> ReadIndexed(simdjson::padded_string_view payload, std::string_view offer_start,
                         Piece& piece, CutPoint* cut, OfferBatch& out, Read&& read) {
  const OfferBatch::Mark before(out);
  const Piece given = piece;
  ChunkedIndex chunks(payload, offer_start, piece.chunk_bytes, cut);
  Result<void> result = read(chunks);
  if (chunks.chunked() && !(result && (chunks.complete() || piece.stopped_at_cut))) {
    before.Restore(out);
    piece = given;
    piece.indexed_again = true;
    ChunkedIndex whole(payload, offer_start, 0, nullptr);
    result = read(whole);
  }
  if (!result) before.Restore(out);
  return result;
}

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_READ_INDEXED_H_
