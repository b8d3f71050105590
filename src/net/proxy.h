#ifndef FAREFLOW_NET_PROXY_H_
#define FAREFLOW_NET_PROXY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "core/result.h"
#include "net/url.h"

namespace fareflow::net {

// Which forward proxy an HttpClient reaches origins through, as an operator writes it (the
// environment's HTTPS_PROXY, HTTP_PROXY and NO_PROXY, or the configuration's `proxy` object; the
// caller picks, net/ reads no environment). Empty strings: no proxy for that scheme, no bypass.
struct ProxyOptions {
  std::string https;     // proxy URL for https:// origins: "http://user:pass@proxy:3128"
  std::string http;      // proxy URL for http:// origins
  std::string no_proxy;  // comma-separated names, domain suffixes, IP literals, CIDR ranges, "*"
};

// One forward proxy, parsed from its URL. Only http:// proxies: the client speaks plain HTTP to
// the proxy (CONNECT, RFC 9110 section 9.3.6, or absolute-form requests, RFC 9112 section
// 3.2.2); TLS to an https origin still runs end to end through the tunnel.
struct ProxyEndpoint {
  std::string host;  // lower case; an IPv6 literal without brackets
  uint16_t port = 0;
  // "Basic <base64(user:password)>" (RFC 7617) from the URL's percent-decoded user info; empty
  // without user info. A secret: never logged, never part of an error message.
  std::string authorization;
  // "http://host:port": the proxy as errors and logs show it, without the user info.
  std::string display;
};

// Parses a proxy URL: "http://[user[:password]@]host[:port][/]". A URL without a scheme is
// taken as http:// (as curl does); the port defaults to 1080 when absent, as in curl. https://
// (TLS to the proxy), socks and other schemes, a path, query or fragment, a bad host or port and
// a bad percent escape in the user info are kInvalidArgument; the message never repeats the
// user info.
Result<ProxyEndpoint> ParseProxyUrl(std::string_view url);

// A NO_PROXY list, compiled. An origin is reached directly when its host matches an entry,
// compared without case:
//   "*"                  every host
//   "example.com"        example.com and every name under it (a.example.com); a leading "." or
//   ".example.com"       "*." is optional and means the same, as in curl
//   "10.1.2.3", "::1"    that IP literal (IPv6 with or without brackets)
//   "10.0.0.0/8"         an IP literal inside the range (curl 7.86 and later)
// and, when the entry has ":port", the origin's port is that port. Only the URL's host is
// compared: names are not resolved, so "127.0.0.1" does not cover "localhost". Entries are
// separated by commas (blanks around them ignored); empty ones are skipped. Nothing is bypassed
// implicitly, localhost included (as in curl): list "localhost,127.0.0.1,::1" to reach local
// services directly.
class NoProxyList {
 public:
  NoProxyList() = default;
  explicit NoProxyList(std::string_view list);

  bool Bypasses(const Url& url) const;

 private:
  struct Entry {
    std::string domain;  // lower case, no leading dot; empty for an address entry
    std::optional<boost::asio::ip::address> address;
    int prefix_bits = -1;  // CIDR prefix length; -1: the whole address
    uint16_t port = 0;     // 0: any port
  };
  bool all_ = false;
  std::vector<Entry> entries_;
};

// The proxies of one HttpClient: which one, if any, each origin goes through. Immutable once
// built; safe to read from any thread.
class ProxyRoutes {
 public:
  // No proxy at all.
  ProxyRoutes() = default;
  // Fails with kInvalidArgument naming "https proxy" or "http proxy" when a URL does not parse.
  static Result<ProxyRoutes> Compile(const ProxyOptions& options);

  // The proxy for `url`, or nullptr when it is reached directly. The pointer lives as long as
  // this object.
  const ProxyEndpoint* For(const Url& url) const;

  bool empty() const { return !https_ && !http_; }

 private:
  std::optional<ProxyEndpoint> https_;
  std::optional<ProxyEndpoint> http_;
  NoProxyList no_proxy_;
};

}  // namespace fareflow::net

#endif  // FAREFLOW_NET_PROXY_H_
