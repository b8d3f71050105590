#ifndef FAREFLOW_ENGINE_SEARCH_SERVICE_H_
#define FAREFLOW_ENGINE_SEARCH_SERVICE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include "core/result.h"
#include "engine/completed_search.h"
#include "engine/search_progress.h"
#include "engine/supplier_source.h"
#include "engine/worker_pool.h"
#include "model/search_request.h"
#include "refdata/fx_rates.h"

namespace fareflow {

struct SearchServiceOptions {
  // Supplier deadline when the request names none, and the most a request may ask for.
  std::chrono::milliseconds default_deadline{8'000};
  std::chrono::milliseconds max_deadline{20'000};
  // How long a finished search stays refinable (CompletedSearch::expires).
  std::chrono::seconds ttl{900};
  // Where a large search's stages after parsing may run in part beside the search's own thread
  // (RunPipeline's helpers): the pool that parsed its payloads, idle by then. Null: all on the
  // search's thread. Must outlive the service.
  WorkerPool* stage_pool = nullptr;
};

// Per-call inputs that do not belong in the request.
struct SearchCall {
  int64_t decode_micros = 0;  // time spent decoding the request, for the timings
  // A hard cap on the supplier deadline from the caller (e.g. what is left of a Lambda
  // invocation); max() = none.
  std::chrono::steady_clock::time_point deadline_cap = std::chrono::steady_clock::time_point::max();
  // When the request arrived: its deadline counts from here, so time spent waiting for a search
  // thread is part of it. Empty = when Run starts.
  std::optional<std::chrono::steady_clock::time_point> arrived;
  // Told of each supplier as it finishes and of the results so far (engine/search_progress.h);
  // null: the search reports nothing until it returns. Must outlive Run.
  SearchProgress* progress = nullptr;
};

// Runs searches: asks the supplier source, then dedupes, filters, ranks, builds facets and cuts
// the first page (engine/run_pipeline). Knows nothing of HTTP, so the HTTP API, the Amadeus
// facade, the Lambda runtime and `fareflow search` share it. Thread-safe; Run blocks its caller
// for the whole search.
class SearchService {
 public:
  SearchService(SupplierSource& source, const refdata::FxRates& fx, SearchServiceOptions options);

  // Runs a decoded, validated request, giving the suppliers until Deadline(request, call.arrived,
  // call.deadline_cap). Fails when the request carries a cursor and the source is
  // not recorded (kInvalidArgument, field "/cursor": pages of a stored search are asked of the
  // store), or a cursor that does not belong to the search (SupplierSource::Recorded); supplier
  // failures are statuses in result.suppliers.
  Result<std::shared_ptr<CompletedSearch>> Run(SearchRequest request, const SearchCall& call = {});

  // The supplier deadline for `request`: its deadline_ms or the default, capped by max_deadline
  // and by `cap`.
  std::chrono::steady_clock::time_point Deadline(const SearchRequest& request,
                                                 std::chrono::steady_clock::time_point start,
                                                 std::chrono::steady_clock::time_point cap) const;

  const SearchServiceOptions& options() const { return options_; }

 private:
  SupplierSource& source_;
  const refdata::FxRates& fx_;
  SearchServiceOptions options_;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SEARCH_SERVICE_H_
