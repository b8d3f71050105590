#include "server/post_response/post_response.h"

#include <string>
#include <utility>

#include "server/observability/metrics.h"
#include "server/observability/search_log.h"
#include "server/observability/search_log_line.h"
#include "server/post_response/housekeeper.h"
#include "store/remote_search_store.h"
#include "store/search_store.h"

namespace fareflow::server {

void FinishSearch(std::shared_ptr<CompletedSearch> search, const ApiServices& services,
                  std::chrono::system_clock::time_point answered) {
  if (search == nullptr) return;
  // Logged and counted before the store shares it: from then on refines re-sort its offers.
  if (services.search_log != nullptr) {
    std::string line;
    WriteSearchLogLine(*search, answered, line);
    services.search_log->Append(line);
  }
  if (services.metrics != nullptr) services.metrics->RecordSearch(*search);
  // Stored here first, so that refines sent to this instance do not wait for Redis.
  if (services.store != nullptr) services.store->Put(search);
  if (services.shared_store != nullptr) {
    // Written on the shared store's Redis threads, so a slow Redis never holds the housekeeper;
    // a failure is counted in the store's stats (GET /metrics), and refines that reach this
    // instance still work.
    services.shared_store->SaveLater(search);
  }
}

std::function<void()> FinishSearchAfterSent(std::shared_ptr<CompletedSearch> search,
                                            const ApiServices& services) {
  return [search = std::move(search), services]() mutable {
    if (services.housekeeper == nullptr) return;
    const auto answered = std::chrono::system_clock::now();
    services.housekeeper->Post([search = std::move(search), services, answered]() mutable {
      FinishSearch(std::move(search), services, answered);
    });
  };
}

std::function<void()> ReleaseAfterSent(std::shared_ptr<CompletedSearch> search,
                                       const ApiServices& services) {
  return [search = std::move(search), housekeeper = services.housekeeper]() mutable {
    if (housekeeper == nullptr) return;
    housekeeper->Post([search = std::move(search)] {});
  };
}

}  // namespace fareflow::server
