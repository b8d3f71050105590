#ifndef FAREFLOW_SERVER_ACCESS_SECURITY_HEADERS_H_
#define FAREFLOW_SERVER_ACCESS_SECURITY_HEADERS_H_

#include <string>
#include <utility>
#include <vector>

namespace fareflow::server {

// The headers every answer of the HTTP API carries (net::HttpServerOptions::default_headers),
// the server's own 400/413/431 answers included: no content-type sniffing, no Referer to other
// sites, and a policy that lets a JSON (or text) answer load nothing and be framed by no page.
// An answer that sets one of them itself keeps its own: an HTML page will bring its own policy.
inline std::vector<std::pair<std::string, std::string>> ApiSecurityHeaders() {
  return {
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
  };
}

}  // namespace fareflow::server

#endif  // FAREFLOW_SERVER_ACCESS_SECURITY_HEADERS_H_
