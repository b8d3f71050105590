#ifndef FAREFLOW_ENGINE_RECORDED_SEARCH_H_
#define FAREFLOW_ENGINE_RECORDED_SEARCH_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <simdjson.h>

#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "engine/supplier_outcome.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"

namespace fareflow {

// A recorded search answers from supplier payloads its caller already has -- files given to
// `fareflow search`, buffers handed over by the Python module -- instead of asking suppliers. The
// same payloads give the same answer on every run, so such a search is named by its payloads
// (RecordedSearchId) rather than a random id, and its page cursors, signed with a fixed key
// (InstallLocalCursorKey), page the same payloads in the next run or another process.

// The most payloads one recorded search reads: far more than any search asks of suppliers, and
// within the 16 bits an offer has for its supplier's index.
inline constexpr std::size_t kMaxRecordedPayloads = 1024;

// The names of recorded payloads of `kinds`, in order: the kind and its count so far, as
// "amadeus-1", "amadeus-2", "duffel-1".
std::vector<std::string> RecordedSupplierNames(std::span<const SupplierKind> kinds);

// The id of a search over recorded payloads whose outcomes are `payloads` (in order, the built-in
// supplier's excluded): "builtin\n" when the built-in supplier was asked too, then
// "NAME:BYTES\n" per payload. It depends on neither file paths nor buffer addresses.
std::string RecordedSearchId(bool builtin, std::span<const SupplierOutcome> payloads);

// Parses and enriches one recorded payload as supplier `index` named `name` into `outcome`:
// the batch lives in a fresh arena of `context`; a payload that does not parse is a kMalformed
// status, never an error. `payload` must outlive `context`'s offers (it is not copied).
// `outcome.micros` is left to the caller, who knows when obtaining the payload began. With `pool`
// (the one the caller runs on, or null) a large payload is parsed in two pieces at once.
void ParseRecordedPayload(SupplierKind kind, const std::string& name,
                          simdjson::padded_string_view payload, uint16_t index,
                          const Enricher& enricher, simdjson::ondemand::parser& parser,
                          RequestContext& context, SupplierOutcome& outcome,
                          WorkerPool* pool = nullptr);

// Runs parse_one(i, parser, outcome) for every payload i < count at once on `pool`, each on a
// worker with that worker's parser, and returns the outcomes in payload order once all are done;
// each outcome's micros is the time its parse_one took. The caller's thread only waits. The
// pool must not be closed (a task it drops would never count down). `sizes` (empty, or one per
// payload: its bytes) orders the work largest first, so that the big payloads do not finish last
// on one worker while the others idle.
using ParseOneRecorded =
    std::function<void(std::size_t i, simdjson::ondemand::parser& parser, SupplierOutcome& out)>;
std::vector<SupplierOutcome> ParseRecordedOnPool(std::size_t count, WorkerPool& pool,
                                                 const ParseOneRecorded& parse_one,
                                                 std::span<const std::size_t> sizes = {});

// The order in which to start `sizes.size()` payloads: largest first, ties in payload order.
std::vector<std::size_t> LargestFirst(std::span<const std::size_t> sizes);

// Installs a fixed key, public in this source, for page cursors of recorded searches
// (pipeline/page.h SetCursorKey): their cursors must verify in the next run and their output must
// not change from run to run. They guard nothing there -- the answer is the caller's own -- and a
// service never accepts them, since `serve` and `lambda` sign with their own key.
void InstallLocalCursorKey();

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_RECORDED_SEARCH_H_
