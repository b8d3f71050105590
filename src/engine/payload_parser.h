#ifndef FAREFLOW_ENGINE_PAYLOAD_PARSER_H_
#define FAREFLOW_ENGINE_PAYLOAD_PARSER_H_

#include <cstdint>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "engine/supplier_kind.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"

namespace fareflow {

// Parses and enriches one supplier payload of the given wire format into `out`; dispatches to the
// format's parser through the table of engine/supplier_formats.cc. Lifetimes as for those parsers:
// `payload` and `arena` must outlive the offers. kBuiltin has no wire format of its own and is
// rejected with kUnsupported.
Result<void> ParsePayload(SupplierKind kind, simdjson::padded_string_view payload,
                          simdjson::ondemand::parser& parser, const Enricher& enricher,
                          Arena& arena, uint16_t supplier, OfferBatch& out);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_PAYLOAD_PARSER_H_
