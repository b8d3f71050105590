#include "server/amadeus_facade_options.h"

#include <cstdlib>

namespace fareflow::server {

FacadeOptions FacadeOptionsFromEnvironment() {
  FacadeOptions options;
  const char* id = std::getenv("FAREFLOW_FACADE_CLIENT_ID");
  const char* secret = std::getenv("FAREFLOW_FACADE_CLIENT_SECRET");
  if (id != nullptr && secret != nullptr && *id != '\0' && *secret != '\0') {
    options.clients.emplace_back(id, secret);
  }
  return options;
}

}  // namespace fareflow::server
