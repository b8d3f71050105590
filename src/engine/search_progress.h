#ifndef FAREFLOW_ENGINE_SEARCH_PROGRESS_H_
#define FAREFLOW_ENGINE_SEARCH_PROGRESS_H_

#include <cstddef>

#include "engine/search_result.h"
#include "engine/supplier_outcome.h"
#include "model/search_request.h"

namespace fareflow {

// What a search reports while it runs, for answers that stream (Server-Sent Events on
// POST /v1/searches, docs/api.md "Streaming answers"). SearchService::Run calls it on the
// searching thread, in this order: for each supplier as it finishes, SupplierDone, then
// PartialResults over every supplier finished so far. Suppliers still in flight at the deadline
// are reported (as timeout) before Run returns. Run then returns the whole answer as usual.
//
// Implementations must not block: they run on a search thread, and a slow reader must not hold
// it (hand the bytes to a bounded buffer, such as net::ResponseStream).
class SearchProgress {
 public:
  virtual ~SearchProgress() = default;

  // `outcome` is final. `done` suppliers of `total` have finished, this one included. The
  // outcome's views (batch, payload) live in the search's RequestContext: valid during the call.
  virtual void SupplierDone(const SupplierOutcome& outcome, std::size_t done,
                            std::size_t total) = 0;

  // The pipeline's answer over the suppliers finished so far: counts, facets, the first page
  // under the request's sort and filters. `result` is not stored and has no search id; its views
  // are valid during the call only. result.suppliers has one entry per configured supplier, in
  // configuration order (offers name their supplier by that index): a supplier still in flight
  // has a default entry, with an empty name, that the `results` event leaves out
  // (ResponseOptions::progress). Suppliers that finished together are followed by one call.
  virtual void PartialResults(const SearchResult& result, const SearchRequest& request,
                              std::size_t done, std::size_t total) = 0;
};

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_SEARCH_PROGRESS_H_
