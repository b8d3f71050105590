#ifndef FAREFLOW_ENGINE_SPLIT_PAYLOAD_H_
#define FAREFLOW_ENGINE_SPLIT_PAYLOAD_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <simdjson.h>

#include "core/arena.h"
#include "core/result.h"
#include "engine/supplier_kind.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"
#include "model/offer_batch.h"

namespace fareflow {

// Payloads at least this large are cut in two pieces when ParsePayload is given a pool of two or
// more workers (engine/payload_parser.h; the design is at the top of split_payload.cc). Below it
// the copy of the tail and the hand-off cost more than the second thread saves.
inline constexpr std::size_t kSplitPayloadBytes = std::size_t{1} << 20;

// How ParseInPieces came to its answer (tests and benchmarks check that the split is used).
enum class SplitPath {
  kWhole,        // not cut: the kind is never cut, or the cut is outside the payload
  kMerged,       // the head stopped at the cut and the tail's offers follow its own
  kHeadAlone,    // the head's walk never landed on the cut: it parsed everything itself
  kSerialAgain,  // the tail failed: the payload was parsed again serially, for its exact error
};

// ParsePayload of `payload` in two pieces with the tail beginning at `cut` (a view into
// `payload`, anywhere: the head checks it), the tail queued on `pool`. The answer is
// ParsePayload's without a pool, whatever the cut. The caller may be a task of `pool`, of any size.
Result<void> ParseInPieces(SupplierKind kind, simdjson::padded_string_view payload,
                           simdjson::ondemand::parser& parser, const Enricher& enricher,
                           Arena& arena, uint16_t supplier, OfferBatch& out, WorkerPool& pool,
                           const char* cut, SplitPath* path = nullptr);

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SPLIT_PAYLOAD_H_
