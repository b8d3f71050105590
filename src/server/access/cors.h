#ifndef FAREFLOW_SERVER_ACCESS_CORS_H_
#define FAREFLOW_SERVER_ACCESS_CORS_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/wire_exchange.h"

namespace fareflow::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Which web pages may call the API from a browser (docs/configuration.md, `cors`).
struct CorsOptions {
  // Origins as browsers send them ("https://app.example.com", "http://localhost:3000"), compared
  // exactly (the configuration checks their form). Empty: no page of another origin may read an
  // answer.
  std::vector<std::string> origins;
  std::chrono::seconds max_age{600};  // how long a browser may keep a preflight's answer
};

// Cross-origin resource sharing over an allow-list. An allowed origin's requests are answered
// with Access-Control-Allow-Origin naming it (never "*": keys are per client) and Vary: Origin;
// other origins get no CORS header, so the browser keeps the answer from the page. Immutable
// after construction; thread-safe.
class CorsPolicy {
 public:
  explicit CorsPolicy(CorsOptions options) : options_(std::move(options)) {}

  // Whether `origin` is on the allow-list.
  bool Allows(std::string_view origin) const;

  // The headers to add to the answer to `request`: none without an allow-list; Vary: Origin
  // (a cache must not serve one origin's answer to another) and, for an allowed Origin,
  // Access-Control-Allow-Origin and the headers a page may read.
  HeaderList AnswerHeaders(const net::WireRequest& request) const;

  // The answer to a preflight (OPTIONS with Origin and Access-Control-Request-Method) from an
  // allowed origin: 204 with the methods, the request headers a page may send (Authorization,
  // X-Api-Key, Content-Type) and Access-Control-Max-Age. nullopt for anything else, which then
  // goes on like any request.
  std::optional<net::WireResponse> Preflight(const net::WireRequest& request) const;

 private:
  const CorsOptions options_;
};

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ACCESS_CORS_H_
