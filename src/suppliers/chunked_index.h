#ifndef FAREFLOW_SUPPLIERS_CHUNKED_INDEX_H_
#define FAREFLOW_SUPPLIERS_CHUNKED_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <simdjson.h>

namespace fareflow::suppliers {

class CutPoint;  // payload_piece.h

// Where an element of an offers array may begin in `payload`: the first `offer_start` at or after
// `from` that follows a comma (and whitespace). A view into `payload`; null when none. Only a
// guess: it may be inside a string or a nested array.
const char* FindElementStart(std::string_view payload, std::string_view offer_start,
                             std::size_t from);

// simdjson's stage 1 (the structural index) a chunk of the payload at a time, each chunk indexed
// when the walk of the offers array comes to it, instead of the whole payload before the walk
// starts. Two things come of it: the walk reads bytes and index entries that are still in the
// cache (a 6.7 MB Amadeus payload has 1.4 million tokens, 5.5 MB of index, far more than a core's
// cache), and a head piece (payload_piece.h) indexes nothing beyond its cut, which the tail
// indexes.
//
// Why the index is exactly the one simdjson builds for the whole payload. Every chunk but the
// last ends where an element of the offers array may begin: just before `offer_start`, after a
// comma and whitespace (FindElementStart). The index of a chunk depends on the bytes before it
// only through three states: inside a string, after a backslash, inside a scalar. After a comma
// or whitespace the last two are clear. The first is clear if the chunk before ended outside a
// string, which stage 1 checks on every chunk (a chunk that ends inside a string fails with
// UNCLOSED_STRING). So, chunk after chunk from the payload's first byte, each chunk's entries,
// shifted by where it starts, are the whole payload's entries.
//
// Why the walk never reads past what is indexed. Only where the walk of the offers array stands
// at an element not yet read, exactly at the end of the index, is the next chunk indexed
// (Reached). A guess of a boundary may be wrong: it may fall inside an offer, in a nested array,
// in another array. Then the walk comes to the end of the index somewhere else, and reads the
// entries written after it: the next chunk's first token, then kAfterChunk - 1 times the
// payload's last `}`. To On-Demand every such `}` closes a container or is an error, and
// stepping over a value (On-Demand's skip and token_skip.h's) stops at the end of the index. The
// readers read values at most a dozen containers deep and step over anything deeper, so a walk
// comes to the end of the index at most that deep, and the `}` entries close everything up to
// the root before they run out: nothing stale is read. The parse then ends without every chunk
// indexed (complete() is false) or with an error, and the caller parses the payload again with
// the whole index, which gives simdjson's own answer, error included. The readers walk forward
// only (Duffel rewinds a single offer's object, which holds no offers array), so a walk that read
// past the end of the index never stands at it again.
//
// simdjson checks before the walk that the last token is `}`; with only the first chunk indexed
// that check cannot hold, so the document is started the way iterate_many starts its documents,
// without it. A payload whose last byte is not `}` is indexed at once, so the check holds when
// the last chunk is indexed; simdjson's further check when the byte after the payload is `}` is
// left to the whole index (Reached fails).
//
// One per parse, on the parse's thread. The payload and the parser must outlive it; between
// Iterate and the end of the walk nothing else may use the parser.
class ChunkedIndex {
 public:
  // How much of a payload is indexed at a time, about: the bytes and their index entries (four
  // bytes per token, a token per five bytes of an Amadeus offer) fit in a core's L2 cache. Half
  // the L2 where it holds 1 MiB or more, at most 1 MiB; 128 KiB otherwise, and where the size is
  // not known. Measured (bench/end_to_end_bench.cc, BM_Pairs_Chunks): on a 512 KiB L2 (Zen 3)
  // 128 KiB was fastest; on a 1 MiB L2 (Zen 4) 512 KiB parsed W5k 2 % faster than 128 KiB and
  // 1 % faster than 256 KiB, and each chunk costs a stage 1 call and a search for its end.
  static std::size_t ChunkBytes();

  // `payload` indexed in chunks of at least `chunk_bytes` (0: at once, as simdjson does), each
  // ending before an `offer_start` that follows a comma. A payload shorter than two chunks, or
  // whose last byte (before whitespace) is not `}`, is indexed at once. `cut` (may be null): a
  // head piece's cut; a chunk ends at it, and the chunk after it is not indexed while the walk
  // may stop there.
  ChunkedIndex(simdjson::padded_string_view payload, std::string_view offer_start,
               std::size_t chunk_bytes, CutPoint* cut);

  // parser.iterate(payload), with only the first chunk indexed.
  simdjson::error_code Iterate(simdjson::ondemand::parser& parser,
                               simdjson::ondemand::document& doc);

  // Called at every element of the offers array before it is read: indexes the next chunk when
  // the walk stands at the end of the index, unless `may_stop` (the caller stops at the cut) and
  // the element is at the cut. The error of that chunk's stage 1, or INCOMPLETE_ARRAY_OR_OBJECT
  // when the byte after the payload is `}`.
  simdjson::error_code Reached(simdjson::ondemand::value& element, bool may_stop);

  // True when the payload is indexed in chunks: a parse that failed, or that ended before every
  // chunk was indexed, must then be made again with an index of the whole payload.
  bool chunked() const { return chunked_; }
  // True when every byte of the payload is indexed.
  bool complete() const { return next_ == nullptr; }

 private:
  // Where the chunk that begins at `from` ends: a boundary at least chunk_bytes_ on, the cut if
  // it comes first, or the payload's end.
  const char* ChunkEnd(const char* from) const;
  // Appends the index of [from, to) to the parser's, and what follows it (see the top).
  simdjson::error_code Index(const char* from, const char* to);

  // The entries written after a chunk's (see the top): many times the depth the readers read at.
  static constexpr std::size_t kAfterChunk = 256;

  const char* data_;
  std::size_t size_;
  std::size_t capacity_;  // the payload's bytes with their padding
  std::string_view offer_start_;
  std::size_t chunk_bytes_;
  CutPoint* cut_;
  bool chunked_ = false;
  uint32_t last_brace_ = 0;  // the offset of the payload's last `}`
  simdjson::ondemand::parser* parser_ = nullptr;
  const char* next_ = nullptr;  // the first byte not indexed yet; null once all are
};

}  // namespace fareflow::suppliers

#endif  // FAREFLOW_SUPPLIERS_CHUNKED_INDEX_H_
