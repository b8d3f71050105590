#ifndef FAREFLOW_NET_WIRE_EXCHANGE_H_
#define FAREFLOW_NET_WIRE_EXCHANGE_H_

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fareflow::net {

// One HTTP request as a handler (a supplier emulator, an API route) sees it, independent of the
// HTTP server that received it, so that handlers are plain functions tested without sockets.
// Views point into the server's request, which outlives the call.
struct WireRequest {
  std::string_view method;  // "GET", "POST", ...
  std::string_view path;    // "/v2/shopping/flight-offers", without the query
  // Query parameters in order, percent-decoded ("+" as space).
  std::vector<std::pair<std::string, std::string>> query;
  // Header fields in order; names as sent (compare without case).
  std::vector<std::pair<std::string_view, std::string_view>> headers;
  std::string_view body;
  // When the caller stops waiting for the answer, if it says so: a Lambda invocation's deadline
  // (less the time needed to send the answer back). Handlers that can answer early with less,
  // like a search, cap their own deadline with it. The HTTP server leaves it at max(): an HTTP
  // client does not tell its timeout, and the request's own deadline_ms governs.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();

  // The first header named `name` (compared without case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first query parameter named `name`; nullptr when absent.
  const std::string* Query(std::string_view name) const;
};

// What a handler answers: status, extra headers, a body. The server adds Content-Length, Date
// and Server, and compresses the body with gzip when the client asked for it.
struct WireResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Splits "a=1&b=x%20y" into decoded pairs (DecodeQueryComponent).
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query);

// One key or value of a query string decoded: "%20" and "+" are spaces. Malformed escapes ("%zz",
// a "%" near the end) are kept as sent.
std::string DecodeQueryComponent(std::string_view component);

// Case-insensitive ASCII comparison, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_WIRE_EXCHANGE_H_
