#ifndef FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_
#define FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_

#include <chrono>
#include <memory>
#include <vector>

#include "engine/completed_search.h"
#include "net/after_sent.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// Puts `search` in services.store (when there is one) before its answer is sent, so that a
// refine or page call sent as soon as the answer arrives finds it. Cheap: the search is already
// in memory; the store measures it and links it in. Returns the searches the store let go of to
// make room (expired, least recently used), to be freed after the answer, not on its path: hand
// them to FinishSearchAfterSent.
std::vector<std::shared_ptr<CompletedSearch>> StoreBeforeAnswer(
    const std::shared_ptr<CompletedSearch>& search, const ApiServices& services);

// The work that follows the answer to a new search, on the housekeeper: appends the search log
// line, records the search's metrics and writes the search to the shared store. The search is
// already in services.store (StoreBeforeAnswer); when the store did not keep it, its memory is
// freed here, at the end.
void FinishSearch(std::shared_ptr<CompletedSearch> search, const ApiServices& services,
                  std::chrono::system_clock::time_point answered);

// An Exchange::RespondThen callback for the answer to `search`. Once the answer has been sent it
// hands `search` to FinishSearch on services.housekeeper. When the answer was dropped (the client
// left, the server stopped first), nothing is logged or shared -- no client has the search's id
// -- but its metrics are recorded, for its supplier calls were made. Either way `let_go` and the
// search are freed on the housekeeper. Without a housekeeper none of that work is done.
std::function<void(net::Delivery)> FinishSearchAfterSent(
    std::shared_ptr<CompletedSearch> search, std::vector<std::shared_ptr<CompletedSearch>> let_go,
    const ApiServices& services);

// An Exchange::RespondThen callback that lets go of `search` on services.housekeeper once the
// answer has been sent: when the store has meanwhile let go of it, its memory is freed there,
// not on the io thread.
std::function<void()> ReleaseAfterSent(std::shared_ptr<CompletedSearch> search,
                                       const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_
