#ifndef FAREFLOW_ENGINE_PAYLOAD_FILES_H_
#define FAREFLOW_ENGINE_PAYLOAD_FILES_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "engine/supplier_outcome.h"
#include "engine/supplier_source.h"
#include "engine/worker_pool.h"
#include "enrich/enricher.h"

namespace fareflow {

// A recorded supplier response on disk, e.g. from `--payload amadeus:FILE`.
struct PayloadFile {
  std::string name;  // how the supplier is reported, e.g. "amadeus-1"
  SupplierKind kind = SupplierKind::kAmadeus;
  std::string path;
};

// Reads and parses every payload concurrently on `pool`: each worker reads a file and parses and
// enriches it right away, so reading one overlaps parsing another. Payload bytes and offers are
// kept in `context`. The supplier index of payload i is i. Unreadable files and malformed payloads
// become per-supplier statuses (io_error, malformed), never a failed search.
std::vector<SupplierOutcome> ParsePayloadFiles(std::span<const PayloadFile> files,
                                               const Enricher& enricher, WorkerPool& pool,
                                               RequestContext& context);

// The source of `fareflow search`: recorded payload files, read again on every Fetch, and the
// built-in supplier after them when asked for. Recorded (engine/recorded_search.h): its answers
// are named by the suppliers' names and the files' sizes, not their paths, so a page cursor
// survives moving the files. Fetch parses on the source's own pool, one thread per file up to the
// hardware threads, and ignores the deadline: reading local files and generating offers cannot be
// cut short. Thread-safe.
class PayloadFileSource final : public SupplierSource {
 public:
  // `builtin_offers`: how many offers the built-in supplier generates, or nullopt to leave it out.
  PayloadFileSource(std::vector<PayloadFile> files, std::optional<int> builtin_offers);

  // Payload i is supplier i; the built-in supplier, if asked, comes last.
  std::vector<SupplierOutcome> Fetch(RequestContext& context, const Enricher& enricher,
                                     std::chrono::steady_clock::time_point deadline) override;
  bool Recorded() const override { return true; }
  // RecordedSearchId of the payloads' outcomes.
  std::string RecordingId(std::span<const SupplierOutcome> outcomes) const override;
  // The pool Fetch parses on, idle between fetches (SearchServiceOptions::stage_pool).
  WorkerPool& pool() { return pool_; }

 private:
  const std::vector<PayloadFile> files_;
  const std::optional<int> builtin_offers_;
  WorkerPool pool_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_PAYLOAD_FILES_H_
