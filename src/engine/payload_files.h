#ifndef FAREFLOW_ENGINE_PAYLOAD_FILES_H_
#define FAREFLOW_ENGINE_PAYLOAD_FILES_H_

#include <span>
#include <string>
#include <vector>

#include "engine/request_context.h"
#include "engine/supplier_kind.h"
#include "engine/supplier_outcome.h"
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

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_PAYLOAD_FILES_H_
