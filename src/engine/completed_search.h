#ifndef FAREFLOW_ENGINE_COMPLETED_SEARCH_H_
#define FAREFLOW_ENGINE_COMPLETED_SEARCH_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>

#include "engine/request_context.h"
#include "engine/search_result.h"

namespace fareflow {

// A search that has run: its id, the context that owns every offer, and the processed result of
// the request as first asked. Shared (std::shared_ptr) by the response being written, the
// post-response work and the search store; the context -- payloads and arenas -- is freed when
// the last owner lets go, which is never on the path of a response.
struct CompletedSearch {
  // "srch_" + 32 hex digits; names the stored search in URLs and ties its page cursors to it. A
  // search over a recorded source (never stored) takes the source's name for its answers instead
  // (SupplierSource::RecordingId).
  std::string id;
  std::chrono::system_clock::time_point created;
  std::chrono::system_clock::time_point expires;  // after this the store forgets it
  // The id of the API key that ran the search; only that key may read it back (another gets
  // 404, as for a search that does not exist). Empty when the API is open.
  std::string owner;
  std::unique_ptr<RequestContext> context;
  // Offers point into `context`. Refining re-filters and re-sorts result.offers.
  SearchResult result;
  // Score and Sort write Offer::score and Offer::tags, so refines of one search take turns; each
  // holds this lock from scoring until its page has been serialized.
  std::mutex refine_mu;

  const SearchRequest& request() const { return context->request(); }
};

// Random bytes in a search id: 128 bits, so that ids can be neither guessed nor enumerated.
inline constexpr std::size_t kSearchIdBytes = 16;

// A fresh, unguessable search id: "srch_" and 32 lowercase hex digits (kSearchIdBytes bytes from
// core/secure_random). Thread-safe.
std::string NewSearchId();

}  // namespace fareflow

#endif  // FAREFLOW_ENGINE_COMPLETED_SEARCH_H_
