#include "server/post_response/post_response.h"

#include <string>
#include <utility>
#include <vector>

#include "server/observability/metrics.h"
#include "server/observability/search_log.h"
#include "server/observability/search_log_line.h"
#include "server/post_response/housekeeper.h"
#include "store/remote_search_store.h"
#include "store/search_store.h"

namespace fareflow::server {

std::vector<std::shared_ptr<CompletedSearch>> StoreBeforeAnswer(
    const std::shared_ptr<CompletedSearch>& search, const ApiServices& services) {
  if (services.store == nullptr || search == nullptr) return {};
  return services.store->Put(search);
}

void FinishSearch(std::shared_ptr<CompletedSearch> search, const ApiServices& services,
                  std::chrono::system_clock::time_point answered) {
  if (search == nullptr) return;
  // Refines may run meanwhile: the line and the metrics read only what they never write (the
  // search's own result, its suppliers and timings; a refine works on a copy of the offer list).
  if (services.search_log != nullptr) {
    std::string line;
    WriteSearchLogLine(*search, answered, line);
    services.search_log->Append(line);
  }
  if (services.metrics != nullptr) services.metrics->RecordSearch(*search);
  if (services.shared_store != nullptr) {
    // Written on the shared store's Redis threads, so a slow Redis never holds the housekeeper;
    // a failure is counted in the store's stats (GET /metrics), and refines that reach this
    // instance still work.
    services.shared_store->SaveLater(search);
  }
}

std::function<void(net::Delivery)> FinishSearchAfterSent(
    std::shared_ptr<CompletedSearch> search, std::vector<std::shared_ptr<CompletedSearch>> let_go,
    const ApiServices& services) {
  return [search = std::move(search), let_go = std::move(let_go),
          services](net::Delivery delivery) mutable {
    if (services.housekeeper == nullptr) return;
    const auto answered = std::chrono::system_clock::now();
    services.housekeeper->Post([search = std::move(search), let_go = std::move(let_go), services,
                                answered, delivery]() mutable {
      if (delivery == net::Delivery::kSent) {
        FinishSearch(std::move(search), services, answered);
      } else if (services.metrics != nullptr && search != nullptr) {
        services.metrics->RecordSearch(*search);
      }
      // `let_go` and, unless the store keeps it, `search` are freed here, with the task.
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
