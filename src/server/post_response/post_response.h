#ifndef FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_
#define FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_

#include <chrono>
#include <functional>
#include <memory>

#include "engine/completed_search.h"
#include "server/services/api_services.h"

namespace fareflow::server {

// The work that follows the answer to a new search, on the housekeeper: appends the search log
// line, records the search's metrics and stores the search. When the store does not keep it (no
// store, or too large), the search's memory is freed here, at the end.
void FinishSearch(std::shared_ptr<CompletedSearch> search, const ApiServices& services,
                  std::chrono::system_clock::time_point answered);

// An Exchange::RespondThen callback that hands `search` to FinishSearch on services.housekeeper
// once the answer has been sent. Without a housekeeper nothing is logged or stored.
std::function<void()> FinishSearchAfterSent(std::shared_ptr<CompletedSearch> search,
                                            const ApiServices& services);

// An Exchange::RespondThen callback that lets go of `search` on services.housekeeper once the
// answer has been sent: when the store has meanwhile let go of it, its memory is freed there,
// not on the io thread.
std::function<void()> ReleaseAfterSent(std::shared_ptr<CompletedSearch> search,
                                       const ApiServices& services);

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_POST_RESPONSE_POST_RESPONSE_H_
