#ifndef FAREFLOW_SERVER_ROUTES_STORED_SEARCH_HANDLER_H_
#define FAREFLOW_SERVER_ROUTES_STORED_SEARCH_HANDLER_H_

#include <cstddef>
#include <memory>
#include <string_view>

#include "engine/completed_search.h"
#include "net/wire_exchange.h"
#include "server/routes/router.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// An answer from a stored search, and the search (null when none was found) so that the caller
// can let go of it after the answer has been sent.
struct StoredAnswer {
  net::WireResponse response;
  std::shared_ptr<CompletedSearch> search;
};

// GET /v1/searches/{id}/offers?sort=&limit=&cursor=&<filters> (docs/api.md): refines and pages the
// stored `search` (not null: the handlers answer 404 not_found, field "search_id", for an unknown
// or expired search) without asking any supplier -- the query stages of a search (RefineSearch,
// engine/run_pipeline), answered in the v1 search response shape with a Server-Timing header. 400
// invalid_argument naming the query parameter. Holds the search's refine_mu from scoring until the
// page is serialized. The answer takes at most `max_answer_bytes` (0 = no bound): past it the
// page is cut and a cursor to the rest returned (ResponseOptions::max_bytes). Thread-safe.
StoredAnswer AnswerStoredOffers(const net::WireRequest& request,
                                std::shared_ptr<CompletedSearch> search,
                                std::size_t max_answer_bytes = 0);

// GET /v1/searches/{id}/offers/{offer_id}: {"search_id","expires_at","offer":{...}} with the
// offer in full, as in a page, from the stored `search` (not null). 404 not_found naming
// "offer_id" when it has no such offer. Thread-safe.
StoredAnswer AnswerStoredOffer(std::shared_ptr<CompletedSearch> search, std::string_view offer_id);

// The route handlers. Both answer on the io thread: a refine never waits, and a page of 20 out of
// 5,000 built-in offers takes about 0.7 ms (filter 0.1, rank 0.35, facets 0.15, serialize 0.1); the
// search pool may be busy for seconds with searches waiting on suppliers. A whole result set
// (limit=0) serializes for tens of milliseconds and holds the io thread that long. After the
// answer the search reference is let go of on services.housekeeper. A search this process does
// not hold is looked for in services.shared_store (when set) on the search pool: rebuilt from its
// snapshot, kept in services.store, then answered; 503 unavailable when Redis cannot be asked.
// A search is answered only to the client that ran it (CompletedSearch::owner against
// RouteMatch::client); any other gets the 404 of an unknown search.
RouteHandler MakeStoredOffersHandler(const ApiServices& services);
RouteHandler MakeStoredOfferHandler(const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_STORED_SEARCH_HANDLER_H_
