#ifndef FAREFLOW_ENGINE_PAYLOAD_PARSER_H_
#define FAREFLOW_ENGINE_PAYLOAD_PARSER_H_

#include <cstdint>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "engine/supplier_kind.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"
#include "suppliers/payload_piece.h"

namespace fareflow {

class WorkerPool;

// Parses and enriches one supplier payload of the given wire format into `out`; dispatches to the
// format's parser through the table of engine/supplier_formats.cc. Lifetimes as for those parsers:
// `payload` and `arena` must outlive the offers. kBuiltin has no wire format of its own and is
// rejected with kUnsupported.
Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out);

// The same, and with `pool` (may be null) a large payload is cut in two pieces parsed at once,
// the second on a free worker of `pool` (engine/split_payload.cc). The answer is always the one
// above: offers in the same order, the same counts and drop details, the same error. The caller
// may itself be a task of `pool`; it never waits for a task that has not started.
Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out, WorkerPool* pool);

// One piece of a payload (suppliers/payload_piece.h), by the format's parser.
Result<void> ParsePayloadPiece(SupplierKind kind, simdjson::padded_string_view payload,
                               simdjson::ondemand::parser& parser, const Enricher& enricher,
                               Arena& arena, uint16_t supplier, OfferBatch& out,
                               suppliers::Piece& piece);

// How a payload of a kind is cut in pieces: the bytes every element of its offers array begins
// with as its generator writes them (a cut is looked for just before them), and what a tail of
// `payload` starts with. Empty for a kind never cut. Static text.
struct PieceShape {
  std::string_view offer_start;
  std::string_view reopen;
};
PieceShape PieceShapeOf(SupplierKind kind, std::string_view payload);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_PAYLOAD_PARSER_H_
