#ifndef FAREFLOW_SERVER_ROUTER_H_
#define FAREFLOW_SERVER_ROUTER_H_

#include <memory>
#include <string>
#include <vector>

#include "net/http_server.h"

namespace fareflow::server {

// Dispatches exchanges by method and exact path. An unknown path is answered 404 not_found; a
// known path asked with another method 405 method_not_allowed with an Allow header listing the
// methods it has. Routes are added before the server starts; Handle() is then thread-safe.
class Router {
 public:
  // Routes `method` (e.g. "GET") on `path` (e.g. "/v1/health", no query) to `handler`, which
  // answers the exchange (now or later, from any thread).
  void Add(std::string method, std::string path, net::Handler handler);

  // Answers `exchange` through its route, or with a 404/405 error.
  void Handle(std::shared_ptr<net::Exchange> exchange) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    net::Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTER_H_
