#ifndef FAREFLOW_SERVER_ROUTES_ROUTER_H_
#define FAREFLOW_SERVER_ROUTES_ROUTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_server.h"

namespace fareflow::server {

class Metrics;

// How a request's path matched a route: the route's pattern and the values of its {param}
// segments. Plain values; handlers may keep a copy for as long as they like.
struct RouteMatch {
  std::string pattern;                                      // "/v1/searches/{id}/offers"
  std::vector<std::pair<std::string, std::string>> params;  // {"id", "srch_..."}, in path order
  // Whom the request is made for: the id of the API key it carried, as the router's gate said
  // (Admission::client); empty when the API is open.
  std::string client;

  // The value of `name`; nullptr when the pattern has no such parameter.
  const std::string* Param(std::string_view name) const;
};

// A handler that also receives the route match; answers the exchange now or later, from any
// thread, like net::Handler.
using RouteHandler = std::function<void(std::shared_ptr<net::Exchange>, const RouteMatch&)>;

// What a gate (Router::SetGate) decides about one request before any route runs.
struct Admission {
  // When set, the request is answered with this and no route runs: a refusal (401, 429) or a
  // CORS preflight.
  std::optional<net::WireResponse> answer;
  // Whom the request is made for (RouteMatch::client).
  std::string client;
  // Added to whatever answers the request, the route's answer or `answer` (CORS headers).
  std::vector<std::pair<std::string, std::string>> headers;
};

// Decides about `request`, whose path matched the route `route` ("unmatched" when none did).
// Called on the io thread for every request: it must be thread-safe and take microseconds.
using Gate = std::function<Admission(const net::WireRequest& request, std::string_view route)>;

// Answers a request no route takes in place of the router's own 404 and 405: `status` is 404 (no
// route has its path) or 405 (routes have it, with other methods; the router adds the Allow
// header). nullopt leaves the request to the router's answer. Runs on the io thread.
using MissAnswer =
    std::function<std::optional<net::WireResponse>(const net::WireRequest& request, int status)>;

// Dispatches exchanges by method and path pattern. A pattern is a path whose segments are either
// literal or a {name} that matches any one non-empty segment ("/v1/searches/{id}/offers").
// Routes are tried in the order added. HEAD on a path with a GET route and no HEAD route runs
// the GET handler (the server drops the body, keeping its length). An unknown path is answered
// 404 not_found; a known path asked with another method 405 method_not_allowed with an Allow
// header listing the methods it has (HEAD with GET). With metrics, every request is counted under
// its route's pattern ("unmatched" when none matched) with its status and the time from dispatch to
// the answer. Routes are added before the server starts; Handle() is then thread-safe.
class Router {
 public:
  // `metrics` (optional) must outlive the router's use.
  explicit Router(Metrics* metrics = nullptr) : metrics_(metrics) {}

  // Routes `method` (e.g. "GET") on `pattern` (no query) to `handler`.
  void Add(std::string method, std::string pattern, net::Handler handler);
  void Add(std::string method, std::string pattern, RouteHandler handler);

  // Puts `gate` in front of every route: a request it answers goes no further. Set before the
  // server starts.
  void SetGate(Gate gate) { gate_ = std::move(gate); }

  // Lets `answer` word the 404 and 405 of the paths it chooses (another API's shape). Set before
  // the server starts.
  void SetMissAnswer(MissAnswer answer) { miss_ = std::move(answer); }

  // Answers `exchange` through its route, or with a 404/405 error.
  void Handle(std::shared_ptr<net::Exchange> exchange) const;

  // The pattern of the first route whose path matches `path` (any method), or "unmatched": the
  // name metrics count a request under, for front ends that report it themselves.
  std::string RouteOf(std::string_view path) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;  // "{id}" marks a parameter
    RouteHandler handler;
  };
  // Whether `path` matches `route`; fills `match` when it does.
  static bool Matches(const Route& route, std::string_view path, RouteMatch* match);
  // Wraps `exchange` so that its answer is counted under `route`.
  std::shared_ptr<net::Exchange> Observe(std::shared_ptr<net::Exchange> exchange,
                                         std::string route) const;

  Metrics* metrics_ = nullptr;
  std::vector<Route> routes_;
  Gate gate_;        // empty: every request goes to its route
  MissAnswer miss_;  // empty: the router's own 404 and 405
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ROUTES_ROUTER_H_
