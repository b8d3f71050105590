#ifndef FAREFLOW_ENGINE_PAYLOAD_BUFFERS_H_
#define FAREFLOW_ENGINE_PAYLOAD_BUFFERS_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <simdjson.h>

#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "engine/supplier_outcome.h"
#include "engine/supplier_source.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"

namespace fareflow {

// A supplier answer already in memory: an HTTP body the caller holds, such as the bytes a Python
// service hands to the fareflow module.
struct PayloadBuffer {
  SupplierKind kind = SupplierKind::kAmadeus;  // kAmadeus or kDuffel
  // Not copied: offers point into these bytes, so they must stay valid and unchanged, with
  // SIMDJSON_PADDING readable bytes after them, until the search's RequestContext is released.
  simdjson::padded_string_view bytes;
};

// The source of a search over answers in memory: recorded (engine/recorded_search.h), like
// `fareflow search`'s payload files, so the same buffers give the same answer, id and cursors as
// the same bytes read from files. Fetch parses every buffer at once on `pool` (shared with other
// searches: the caller's thread only waits), then runs the built-in supplier when asked for, and
// ignores the deadline: parsing bytes already here cannot be cut short. Thread-safe; `pool` must
// outlive the source.
class PayloadBufferSource final : public SupplierSource {
 public:
  // `builtin_offers`: how many offers the built-in supplier generates, or nullopt to leave it out.
  PayloadBufferSource(std::vector<PayloadBuffer> payloads, std::optional<int> builtin_offers,
                      WorkerPool& pool);

  // Payload i is supplier i, named as RecordedSupplierNames names it; the built-in supplier, if
  // asked, comes last.
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override;
  bool Recorded() const override { return true; }
  // RecordedSearchId of the payloads' outcomes.
  std::string RecordingId(std::span<const SupplierOutcome> outcomes) const override;

 private:
  const std::vector<PayloadBuffer> payloads_;
  const std::vector<std::string> names_;
  const std::optional<int> builtin_offers_;
  WorkerPool& pool_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_PAYLOAD_BUFFERS_H_
