// libFuzzer target: untrusted bytes as an Amadeus Flight Offers Search v2 response body.

#include <cstddef>
#include <cstdint>

#include <simdjson.h>

#include "core/arena.h"
#include "enrich/enricher.h"
#include "fuzz/offer_invariants.h"
#include "model/offer_batch.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"
#include "suppliers/amadeus/offers_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One parser for the whole run, as one worker thread reuses its parser across payloads.
  static simdjson::ondemand::parser parser;
  // No requested slices: the route is not checked, so every well-formed offer is kept.
  static const fareflow::Enricher enricher(fareflow::SearchRequest{},
                                           fareflow::refdata::FxRates::Builtin());

  // A copy with simdjson's padding; the offers' views point into it, so it outlives `batch`.
  const simdjson::padded_string payload(reinterpret_cast<const char*>(data), size);
  fareflow::Arena arena;
  fareflow::OfferBatch batch(arena.resource());
  const fareflow::Result<void> result =
      fareflow::amadeus::ParseFlightOffers(payload, parser, enricher, arena, 0, batch);
  fareflow::fuzz::g_sink = fareflow::fuzz::CheckOfferBatch(result, batch);

  // Indexed in small chunks, as a large payload is, the same bytes give the same answer.
  fareflow::OfferBatch chunked(arena.resource());
  fareflow::suppliers::Piece piece;
  piece.chunk_bytes = 64;
  const fareflow::Result<void> chunked_result = fareflow::amadeus::ParseFlightOffersPiece(
      payload, parser, enricher, arena, 0, chunked, piece);
  fareflow::fuzz::RequireSameParse(result, batch, chunked_result, chunked);
  return 0;
}
