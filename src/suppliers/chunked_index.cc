#include "suppliers/chunked_index.h"

#include <unistd.h>

#include <algorithm>
#include <functional>

#include "core/text.h"
#include "suppliers/json_fields.h"
#include "suppliers/parser_buffers.h"
#include "suppliers/payload_piece.h"
#include "suppliers/token_skip.h"

namespace fareflow::suppliers {
namespace {

namespace od = simdjson::ondemand;

simdjson::internal::dom_parser_implementation& IndexOf(od::parser& parser) {
  using namespace token_access;
  return *(parser.*Get(ParserImpl{}));
}

}  // namespace

const char* FindElementStart(std::string_view payload, std::string_view offer_start,
                             std::size_t from) {
  if (offer_start.empty()) return nullptr;
  for (std::size_t at = FindText(payload, offer_start, from); at != std::string_view::npos;
       at = FindText(payload, offer_start, at + 1)) {
    std::size_t before = at;
    while (before > 0 && IsJsonSpace(payload[before - 1])) --before;
    if (before > 0 && payload[before - 1] == ',') return payload.data() + at;
  }
  return nullptr;
}

std::size_t ChunkedIndex::ChunkBytes() {
  static const std::size_t bytes = [] {
    constexpr std::size_t kMiB = std::size_t{1} << 20;
    const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);  // 0 or -1 when not known
    if (l2 < static_cast<long>(kMiB)) return std::size_t{128} << 10;
    return std::min(static_cast<std::size_t>(l2) / 2, kMiB);
  }();
  return bytes;
}

ChunkedIndex::ChunkedIndex(simdjson::padded_string_view payload, std::string_view offer_start,
                           std::size_t chunk_bytes, CutPoint* cut)
    : data_(payload.data()),
      size_(payload.size()),
      capacity_(payload.capacity()),
      offer_start_(offer_start),
      chunk_bytes_(chunk_bytes),
      cut_(cut) {
  if (chunk_bytes_ == 0 || offer_start_.empty() || size_ / 2 < chunk_bytes_ ||
      size_ >= UINT32_MAX) {
    return;
  }
  std::size_t last = size_;
  while (last > 0 && IsJsonSpace(data_[last - 1])) --last;
  if (last == 0 || data_[last - 1] != '}') return;
  last_brace_ = static_cast<uint32_t>(last - 1);
  chunked_ = true;
}

const char* ChunkedIndex::ChunkEnd(const char* from) const {
  const char* const end = data_ + size_;
  const auto offset = static_cast<std::size_t>(from - data_);
  const char* to = FindElementStart({data_, size_}, offer_start_, offset + chunk_bytes_);
  // Too little after the boundary: the rest is one chunk.
  if (to == nullptr || static_cast<std::size_t>(end - to) < chunk_bytes_ / 2) to = end;
  if (cut_ != nullptr) {
    const char* cut = cut_->cut();
    // The cut is a boundary too, and nothing after it is the head's to index. (std::less: the cut
    // is compared as an address, and may be anywhere.)
    if (cut != nullptr && std::less<const char*>()(from, cut) &&
        std::less<const char*>()(cut, to)) {
      to = cut;
    }
  }
  return to;
}

simdjson::error_code ChunkedIndex::Iterate(od::parser& parser, od::document& doc) {
  if (!chunked_) {
    return parser.iterate(simdjson::padded_string_view(data_, size_, capacity_)).get(doc);
  }
  parser_ = &parser;
  // An index with room for the entries after a chunk's wherever it ends (a token takes a byte).
  if (simdjson::error_code e = ReserveParser(parser, size_ + kAfterChunk)) return e;
  const char* to = ChunkEnd(data_);
  if (to == data_ + size_) {
    chunked_ = false;
    return parser.iterate(simdjson::padded_string_view(data_, size_, capacity_)).get(doc);
  }
  // The first chunk as a document of its own: the view's padding is the rest of the payload.
  const auto first = static_cast<std::size_t>(to - data_);
  if (simdjson::error_code e =
          parser.iterate(simdjson::padded_string_view(data_, first, capacity_)).get(doc)) {
    return e;
  }
  using namespace token_access;
  // Started without the check of the last token (see the top of the header).
  (doc.*Get(DocumentIter{})).*Get(IterStreaming{}) = true;
  simdjson::internal::dom_parser_implementation& index = IndexOf(parser);
  uint32_t* const entries = index.structural_indexes.get();
  const uint32_t n = index.n_structural_indexes;
  entries[n] = static_cast<uint32_t>(first);
  for (std::size_t i = 1; i < kAfterChunk; ++i) entries[n + i] = last_brace_;
  next_ = to;
  if (cut_ != nullptr) cut_->Indexed(to);
  return simdjson::SUCCESS;
}

simdjson::error_code ChunkedIndex::Reached(od::value& element, bool may_stop) {
  if (next_ == nullptr) return simdjson::SUCCESS;
  using namespace token_access;
  od::value_iterator& value = element.*Get(ValueIter{});
  const od::json_iterator& iter = *(value.*Get(JsonIter{}));
  simdjson::internal::dom_parser_implementation& index = IndexOf(*parser_);
  const od::token_position at = (iter.*Get(Token{})).*Get(TokenPosition{});
  if (at != &index.structural_indexes[index.n_structural_indexes]) return simdjson::SUCCESS;
  // The walk stands at the first byte not indexed. A head stops here when it is the cut: the
  // entry here already names that byte, as the whole index would, and is counted in so that the
  // walk can say where it stands (On-Demand has no location at the end of the index).
  if (may_stop && cut_ != nullptr && cut_->cut() == next_) {
    ++index.n_structural_indexes;
    return simdjson::SUCCESS;
  }
  return Index(next_, ChunkEnd(next_));
}

simdjson::error_code ChunkedIndex::Index(const char* from, const char* to) {
  simdjson::internal::dom_parser_implementation& index = IndexOf(*parser_);
  const uint32_t before = index.n_structural_indexes;
  // Stage 1 writes its entries from the start of the index: point the index at its end while it
  // runs. (It only reads and writes through this pointer; nothing is allocated or freed.)
  uint32_t* const entries = index.structural_indexes.release();
  index.structural_indexes.reset(entries + before);
  const simdjson::error_code error =
      index.stage1(reinterpret_cast<const uint8_t*>(from), static_cast<std::size_t>(to - from),
                   simdjson::stage1_mode::regular);
  const uint32_t added = index.n_structural_indexes;
  [[maybe_unused]] uint32_t* const moved = index.structural_indexes.release();
  index.structural_indexes.reset(entries);
  if (error) {
    index.n_structural_indexes = before;
    return error;
  }
  const auto offset = static_cast<uint32_t>(from - data_);
  const uint32_t n = before + added;
  for (uint32_t i = before; i < n; ++i) entries[i] += offset;
  index.n_structural_indexes = n;
  if (to != data_ + size_) {
    entries[n] = static_cast<uint32_t>(to - data_);
    for (std::size_t i = 1; i < kAfterChunk; ++i) entries[n + i] = last_brace_;
    next_ = to;
    if (cut_ != nullptr) cut_->Indexed(to);
    return simdjson::SUCCESS;
  }
  // The last chunk: simdjson's own end entries. Its check that the last token is `}` holds (the
  // payload's last byte is, and stage 1 found it outside a string); the one more it makes when
  // the byte after the payload is `}`, that the document is balanced, is left to a parse of the
  // whole: a walk of an unbalanced one could go on into the entries after the index.
  entries[n] = entries[n + 1] = static_cast<uint32_t>(size_);
  entries[n + 2] = 0;
  next_ = nullptr;
  if (cut_ != nullptr) cut_->Indexed(to);
  if (data_[size_] == '}') return simdjson::INCOMPLETE_ARRAY_OR_OBJECT;
  return simdjson::SUCCESS;
}

}  // namespace fareflow::suppliers
