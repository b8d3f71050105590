#include "server/routes/router.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "server/observability/metrics.h"
#include "server/observability/observed_exchange.h"
#include "server/routes/api_error.h"

namespace fareflow::server {
namespace {

// "/a/b/" -> {"a", "b", ""}: the segments after the leading slash, empty ones kept, so that
// "/a/b" and "/a/b/" stay different paths.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

bool IsParam(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// An exchange whose answer, whatever it is (a streamed one too), also carries `headers` (a gate's
// CORS headers).
// Adds `header` to `headers`; a Vary joins one the answer has (Vary: Accept of a search answer
// and CORS's Vary: Origin make "Accept, Origin"), so that the answer keeps one Vary field, which
// a later step may extend (gzip's Accept-Encoding, net/http_message.cc) without losing a name.
void AddHeader(const std::pair<std::string, std::string>& header,
               std::vector<std::pair<std::string, std::string>>& headers) {
  if (net::EqualsIgnoreCase(header.first, "Vary")) {
    for (auto& [name, value] : headers) {
      if (net::EqualsIgnoreCase(name, "Vary")) {
        value += ", " + header.second;
        return;
      }
    }
  }
  headers.push_back(header);
}

class HeaderedExchange final : public net::Exchange {
 public:
  HeaderedExchange(std::shared_ptr<net::Exchange> inner,
                   std::vector<std::pair<std::string, std::string>> headers)
      : inner_(std::move(inner)), headers_(std::move(headers)) {}
  const net::WireRequest& request() const override { return inner_->request(); }
  void RespondThen(net::WireResponse response, net::AfterSent after_sent) override {
    for (const auto& header : headers_) AddHeader(header, response.headers);
    inner_->RespondThen(std::move(response), std::move(after_sent));
  }
  std::shared_ptr<net::ResponseStream> StartStream(net::WireResponse head) override {
    for (const auto& header : headers_) AddHeader(header, head.headers);
    return inner_->StartStream(std::move(head));
  }

 private:
  const std::shared_ptr<net::Exchange> inner_;
  const std::vector<std::pair<std::string, std::string>> headers_;
};

}  // namespace

const std::string* RouteMatch::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return &value;
  }
  return nullptr;
}

void Router::Add(std::string method, std::string pattern, net::Handler handler) {
  Add(std::move(method), std::move(pattern),
      [handler = std::move(handler)](std::shared_ptr<net::Exchange> exchange, const RouteMatch&) {
        handler(std::move(exchange));
      });
}

void Router::Add(std::string method, std::string pattern, RouteHandler handler) {
  std::vector<std::string> segments;
  for (std::string_view segment : Split(pattern)) segments.emplace_back(segment);
  if (metrics_ != nullptr) metrics_->AddRoute(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

bool Router::Matches(const Route& route, std::string_view path, RouteMatch* match) {
  const std::vector<std::string_view> segments = Split(path);
  if (segments.size() != route.segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (IsParam(want) ? segments[i].empty() : segments[i] != want) return false;
  }
  if (match != nullptr) {
    match->pattern = route.pattern;
    match->params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string& want = route.segments[i];
      if (IsParam(want)) {
        match->params.emplace_back(want.substr(1, want.size() - 2), std::string(segments[i]));
      }
    }
  }
  return true;
}

std::shared_ptr<net::Exchange> Router::Observe(std::shared_ptr<net::Exchange> exchange,
                                               std::string route) const {
  if (metrics_ == nullptr) return exchange;
  std::string method(exchange->request().method);
  return std::make_shared<ObservedExchange>(
      std::move(exchange),
      [metrics = metrics_, route = std::move(route), method = std::move(method),
       start = std::chrono::steady_clock::now()](int status) {
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        metrics->RecordHttpRequest(route, method, status, took.count());
      });
}

std::string Router::RouteOf(std::string_view path) const {
  for (const Route& route : routes_) {
    if (Matches(route, path, nullptr)) return route.pattern;
  }
  return "unmatched";
}

void Router::Handle(std::shared_ptr<net::Exchange> exchange) const {
  std::string client;
  if (gate_) {
    const std::string route = RouteOf(exchange->request().path);
    Admission admission = gate_(exchange->request(), route);
    if (!admission.headers.empty()) {
      exchange =
          std::make_shared<HeaderedExchange>(std::move(exchange), std::move(admission.headers));
    }
    if (admission.answer) {
      Observe(std::move(exchange), route)->Respond(*std::move(admission.answer));
      return;
    }
    client = std::move(admission.client);
  }
  const net::WireRequest& request = exchange->request();
  const bool head = request.method == "HEAD";
  // HEAD is answered by the path's GET route unless the path has a HEAD route of its own; the
  // server sends the GET answer's status and headers without its body (RFC 9110 §9.3.2).
  const Route* head_as_get = nullptr;
  RouteMatch head_match;
  std::vector<std::string_view> allowed;  // for a 405, without duplicates
  const auto add_allowed = [&allowed](std::string_view method) {
    if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) {
      allowed.push_back(method);
    }
  };
  std::string matched_pattern;
  for (const Route& route : routes_) {
    if (route.method != request.method) {
      if (Matches(route, request.path, nullptr)) {
        add_allowed(route.method);
        if (route.method == "GET") add_allowed("HEAD");
        if (matched_pattern.empty()) matched_pattern = route.pattern;
        if (head && route.method == "GET" && head_as_get == nullptr) {
          head_as_get = &route;
          Matches(route, request.path, &head_match);
        }
      }
      continue;
    }
    RouteMatch match;
    if (!Matches(route, request.path, &match)) continue;
    match.client = std::move(client);
    route.handler(Observe(std::move(exchange), route.pattern), match);
    return;
  }
  if (head_as_get != nullptr) {
    head_as_get->handler(Observe(std::move(exchange), head_as_get->pattern), head_match);
    return;
  }
  std::optional<net::WireResponse> missed;
  if (miss_) missed = miss_(request, allowed.empty() ? 404 : 405);
  if (allowed.empty()) {
    const std::string path(request.path);
    Observe(std::move(exchange), "unmatched")
        ->Respond(missed ? *std::move(missed)
                         : ApiError(404, "not_found", "no such endpoint: " + path));
    return;
  }
  std::string allow;
  for (std::string_view method : allowed) {
    if (!allow.empty()) allow += ", ";
    allow += method;
  }
  net::WireResponse response = missed
                                   ? *std::move(missed)
                                   : ApiError(405, "method_not_allowed",
                                              std::string(request.method) + " is not allowed on " +
                                                  std::string(request.path));
  response.headers.emplace_back("Allow", std::move(allow));
  Observe(std::move(exchange), matched_pattern)->Respond(std::move(response));
}

}  // namespace fareflow::server
