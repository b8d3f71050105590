#include "server/api_runtime.h"

#include <utility>

namespace fareflow::server {

Result<std::unique_ptr<ApiRuntime>> ApiRuntime::Create(const ApiRuntimeOptions& options) {
  std::unique_ptr<SearchLog> search_log;
  if (!options.search_log_path.empty()) {
    Result<std::unique_ptr<SearchLog>> opened = SearchLog::Open(options.search_log_path);
    if (!opened) return tl::unexpected(opened.error());
    search_log = std::move(*opened);
  }
  return std::unique_ptr<ApiRuntime>(new ApiRuntime(options, std::move(search_log)));
}

ApiRuntime::ApiRuntime(const ApiRuntimeOptions& options, std::unique_ptr<SearchLog> search_log)
    : search_log_(std::move(search_log)),
      store_(options.store_max_bytes, options.clock),
      // Each batch of post-response work ends with one write of the lines it appended.
      housekeeper_([log = search_log_.get()] {
        if (log != nullptr) log->Flush();
      }) {
  metrics_.WatchStore(&store_);
  metrics_.WatchSearchLog(search_log_.get());
}

ApiRuntime::~ApiRuntime() { housekeeper_.Drain(); }

void ApiRuntime::Wire(ApiServices& services) {
  services.store = &store_;
  services.housekeeper = &housekeeper_;
  services.search_log = search_log_.get();
  services.metrics = &metrics_;
}

}  // namespace fareflow::server
