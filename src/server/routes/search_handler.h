#ifndef FAREFLOW_SERVER_ROUTES_SEARCH_HANDLER_H_
#define FAREFLOW_SERVER_ROUTES_SEARCH_HANDLER_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "engine/completed_search.h"
#include "engine/search_service.h"
#include "engine/stage_timings.h"
#include "model/search_request.h"
#include "net/exchange.h"
#include "server/routes/router.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// The answer to one search request, and the search behind it (null when the request was
// rejected) for the work that follows the response.
struct SearchAnswer {
  net::WireResponse response;
  std::shared_ptr<CompletedSearch> search;
};

// Answers one fareflow v1 search request body (docs/api.md): 200 with the first page, the
// search_id and its expiry, and a Server-Timing header; or a 400 invalid_argument error naming
// the field. Blocks for the whole search; thread-safe. `deadline_cap` (a WireRequest's deadline)
// bounds the supplier deadline on top of the request's deadline_ms; max() = no cap. The search
// belongs to `owner` (CompletedSearch::owner: the API key's id, RouteMatch::client).
SearchAnswer AnswerSearch(std::string_view body, const ApiServices& services,
                          std::chrono::steady_clock::time_point deadline_cap =
                              std::chrono::steady_clock::time_point::max(),
                          std::string_view owner = {});

// AnswerSearch for a request already decoded: `call` says when it arrived, which its deadline
// counts from.
SearchAnswer RunSearch(SearchRequest request, const ApiServices& services, const SearchCall& call,
                       std::string_view owner = {});

// Gives a search answer written in `form` (docs/api.md, "Compact answers") its Content-Type, and
// Vary: Accept, since the header may choose the form.
void SetAnswerForm(AnswerForm form, net::WireResponse& response);

// The Server-Timing header value: "decode;dur=0.02, suppliers;dur=3.10, ..." in milliseconds,
// every stage, or only `stages` in their order.
std::string ServerTiming(const StageTimings& timings);
std::string ServerTiming(const StageTimings& timings, std::span<const Stage> stages);

// The 503s (with Retry-After: 1) of a search that does not run: `overloaded` when
// services.queue_limit searches are already waiting for a search thread, `deadline_exceeded` when
// its deadline passed while it waited, `shutting_down` when the server stopped first.
net::WireResponse Overloaded();
net::WireResponse QueuedPastDeadline();
net::WireResponse ShuttingDown();

// POST /v1/searches: decodes the request on the io thread (a bad one gets its 400 at once) and
// queues the search on services.search_pool, answering the exchange from the worker, so the io
// thread never waits for a search. The search's deadline counts from the request's arrival: one
// still queued when it passes is answered 503 without running, and one that starts late gives its
// suppliers only what is left. The search is put in services.store before its answer is sent (a
// refine sent at once finds it); once the answer has been sent, the rest goes to
// services.housekeeper (FinishSearch: search log, metrics, shared store), so none of that work
// delays the answer, and an answer that was never sent is not logged. The search belongs to the
// request's client (RouteMatch::client). A request whose Accept header names text/event-stream is
// answered as Server-Sent Events from the moment its search starts (search_stream.h), unless the
// front end cannot stream; failures before that (a bad body, a full queue) get their JSON answer.
RouteHandler MakeSearchHandler(const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_SEARCH_HANDLER_H_
