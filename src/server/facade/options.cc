#include "server/facade/options.h"

#include <utility>

namespace fareflow::server {

FacadeOptions FacadeOptionsFromEnvironment(
    const std::function<std::optional<std::string>(const std::string& name)>& env) {
  FacadeOptions options;
  std::optional<std::string> id = env("FAREFLOW_FACADE_CLIENT_ID");
  std::optional<std::string> secret = env("FAREFLOW_FACADE_CLIENT_SECRET");
  if (id && secret && !id->empty() && !secret->empty()) {
    options.clients.emplace_back(*std::move(id), *std::move(secret));
  }
  return options;
}

}  // namespace fareflow::server
