#ifndef FAREFLOW_NET_URL_H_
#define FAREFLOW_NET_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fareflow::net {

// An absolute http:// or https:// URL split into what a client needs to connect and ask.
struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // lower case; an IPv6 literal without its brackets ("::1")
  uint16_t port = 0;   // explicit, or 80 / 443 from the scheme
  std::string target;  // path and query as sent on the request line; "/" when empty

  // "host" or "host:port" as the Host header carries it: the port only when it is not the
  // scheme's default, brackets around IPv6 literals.
  std::string HostHeader() const;
  // "scheme://host:port", the key under which keep-alive connections are pooled.
  std::string Origin() const;
};

// Parses an absolute URL. Only http and https are accepted; user info ("user@"), an empty host,
// a port outside 1..65535, and bytes that cannot appear in a request line (spaces, control
// characters) are kInvalidArgument. The fragment ("#...") is dropped: it is never sent.
Result<Url> ParseUrl(std::string_view url);

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_URL_H_
