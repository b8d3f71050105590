#include "server/routes/health_handler.h"

#include <string>

namespace fareflow::server {

net::WireResponse AnswerHealth() {
  net::WireResponse response;
  response.body = std::string("{\"status\":\"ok\",\"version\":\"") + kServiceVersion + "\"}";
  return response;
}

}  // namespace fareflow::server
