#include "net/proxy.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/base64.h"
#include "core/percent_encoding.h"
#include "core/text.h"

namespace fareflow::net {
namespace {

constexpr uint16_t kDefaultProxyPort = 1080;  // curl's, when the URL names none

// RFC 3986 section 3.1: a letter, then letters, digits, '+', '-' and '.'.
bool IsScheme(std::string_view text) {
  if (text.empty() || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

// The URL as an error may show it: the user info is replaced, so no credential leaks.
std::string Redacted(std::string_view url) {
  std::size_t scheme_end = url.find("://");
  std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  // "user:pa://ss@host" has no scheme.
  if (start != 0 && !IsScheme(url.substr(0, scheme_end))) start = 0;
  std::size_t at = url.rfind('@');
  std::string shown =
      at == std::string_view::npos || at < start
          ? std::string(url)
          : std::string(url.substr(0, start)) + "***@" + std::string(url.substr(at + 1));
  return shown.substr(0, 200);
}

tl::unexpected<Error> Invalid(std::string_view url, std::string_view why) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "invalid proxy URL \"" + Redacted(url) + "\": " + std::string(why));
}

// "host:port" or "[v6]:port", port optional; nullopt when malformed.
struct HostPort {
  std::string host;
  std::optional<uint16_t> port;
};
std::optional<HostPort> SplitHostPort(std::string_view text) {
  HostPort out;
  std::string_view port_text;
  bool has_port = false;
  if (!text.empty() && text.front() == '[') {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = AsciiLower(text.substr(1, close - 1));
    std::string_view after = text.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port_text = after.substr(1);
      has_port = true;
    }
  } else if (std::count(text.begin(), text.end(), ':') > 1) {
    out.host = AsciiLower(text);  // a bare IPv6 literal, which cannot carry a port
  } else {
    std::size_t colon = text.find(':');
    out.host = AsciiLower(text.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = text.substr(colon + 1);
      has_port = true;
    }
  }
  if (has_port) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
        value == 0 || value > 65535) {
      return std::nullopt;
    }
    out.port = static_cast<uint16_t>(value);
  }
  return out;
}

bool IsHostNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

std::optional<boost::asio::ip::address> IpLiteral(const std::string& text) {
  boost::system::error_code ec;
  boost::asio::ip::address address = boost::asio::ip::make_address(text, ec);
  if (ec) return std::nullopt;
  return address;
}

// Whether the first `bits` bits of `a` and `b` agree; both of the same family.
template <std::size_t N>
bool SamePrefix(const std::array<unsigned char, N>& a, const std::array<unsigned char, N>& b,
                int bits) {
  for (std::size_t i = 0; i < N && bits > 0; ++i, bits -= 8) {
    unsigned mask = bits >= 8 ? 0xffu : (0xffu << (8 - bits)) & 0xffu;
    if ((a[i] & mask) != (b[i] & mask)) return false;
  }
  return true;
}

}  // namespace

Result<ProxyEndpoint> ParseProxyUrl(std::string_view url) {
  for (char c : url) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return Invalid(url, "contains whitespace or control bytes");
  }
  std::string_view rest = url;
  if (std::size_t scheme_end = url.find("://"); scheme_end != std::string_view::npos) {
    std::string scheme = AsciiLower(url.substr(0, scheme_end));
    if (scheme == "https") {
      return Invalid(url,
                     "https:// proxies (TLS to the proxy) are not supported: use the proxy's "
                     "http:// address; https origins are still encrypted end to end through "
                     "CONNECT");
    }
    if (scheme != "http") {
      return Invalid(url, IsScheme(scheme) ? "the scheme must be http:// (" + scheme +
                                                 " proxies are not supported)"
                                           : "the scheme must be http://");
    }
    rest = url.substr(scheme_end + 3);
  }
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return Invalid(url, "a proxy URL has no path, query or fragment");
  }
  ProxyEndpoint out;
  std::size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    std::size_t colon = userinfo.find(':');
    std::optional<std::string> user = PercentDecode(userinfo.substr(0, colon));
    std::optional<std::string> password = PercentDecode(
        colon == std::string_view::npos ? std::string_view() : userinfo.substr(colon + 1));
    if (!user || !password) return Invalid(url, "bad percent escape in the user info");
    // RFC 7617: the user-id must not contain a colon; the password may.
    if (user->find(':') != std::string::npos) return Invalid(url, "the user name has a ':'");
    out.authorization = "Basic " + EncodeBase64(*user + ":" + *password);
  }
  std::optional<HostPort> host_port = SplitHostPort(rest);
  if (!host_port || host_port->host.empty()) return Invalid(url, "bad host or port");
  const bool bracketed = !rest.empty() && rest.front() == '[';
  if (bracketed || host_port->host.find(':') != std::string::npos) {
    std::optional<boost::asio::ip::address> v6 = IpLiteral(host_port->host);
    if (!v6 || !v6->is_v6()) return Invalid(url, "bad IPv6 literal");
  } else {
    for (char c : host_port->host) {
      if (!IsHostNameByte(c)) return Invalid(url, "bad host name");
    }
  }
  out.host = host_port->host;
  out.port = host_port->port.value_or(kDefaultProxyPort);
  const std::string shown_host =
      out.host.find(':') != std::string::npos ? "[" + out.host + "]" : out.host;
  out.display = "http://" + shown_host + ":" + std::to_string(out.port);
  return out;
}

NoProxyList::NoProxyList(std::string_view list) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = Trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    if (item == "*") {
      all_ = true;
      continue;
    }
    Entry entry;
    std::string_view text = item;
    // A CIDR suffix belongs to an address: "10.0.0.0/8", "fd00::/8".
    std::size_t slash = text.find('/');
    std::string_view bits_text;
    if (slash != std::string_view::npos) {
      bits_text = text.substr(slash + 1);
      text = text.substr(0, slash);
    }
    std::optional<HostPort> host_port = SplitHostPort(text);
    if (!host_port || host_port->host.empty()) continue;  // unusable: matches nothing
    entry.port = host_port->port.value_or(0);
    std::string host = std::move(host_port->host);
    if (std::optional<boost::asio::ip::address> address = IpLiteral(host)) {
      entry.address = *address;
      if (slash != std::string_view::npos) {
        int bits = -1;
        auto [end, ec] =
            std::from_chars(bits_text.data(), bits_text.data() + bits_text.size(), bits);
        const int max_bits = address->is_v4() ? 32 : 128;
        if (ec != std::errc() || end != bits_text.data() + bits_text.size() || bits < 0 ||
            bits > max_bits) {
          continue;
        }
        entry.prefix_bits = bits;
      }
    } else {
      if (slash != std::string_view::npos) continue;  // a range of names means nothing
      std::string_view domain = host;
      if (domain.starts_with("*.")) domain.remove_prefix(2);
      while (domain.starts_with('.')) domain.remove_prefix(1);
      while (domain.ends_with('.')) domain.remove_suffix(1);
      if (domain.empty()) continue;
      entry.domain = std::string(domain);
    }
    entries_.push_back(std::move(entry));
  }
}

bool NoProxyList::Bypasses(const Url& url) const {
  if (all_) return true;
  std::string_view host = url.host;
  while (host.ends_with('.')) host.remove_suffix(1);  // "example.com." is example.com
  const std::optional<boost::asio::ip::address> address = IpLiteral(std::string(host));
  for (const Entry& entry : entries_) {
    if (entry.port != 0 && entry.port != url.port) continue;
    if (entry.address) {
      if (!address || address->is_v4() != entry.address->is_v4()) continue;
      if (entry.prefix_bits < 0) {
        if (*address == *entry.address) return true;
      } else if (address->is_v4()) {
        if (SamePrefix(address->to_v4().to_bytes(), entry.address->to_v4().to_bytes(),
                       entry.prefix_bits)) {
          return true;
        }
      } else if (SamePrefix(address->to_v6().to_bytes(), entry.address->to_v6().to_bytes(),
                            entry.prefix_bits)) {
        return true;
      }
      continue;
    }
    if (address) continue;  // an IP literal matches address entries only
    if (host == entry.domain) return true;
    if (host.size() > entry.domain.size() && host.ends_with(entry.domain) &&
        host[host.size() - entry.domain.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

Result<ProxyRoutes> ProxyRoutes::Compile(const ProxyOptions& options) {
  ProxyRoutes routes;
  if (!options.https.empty()) {
    Result<ProxyEndpoint> https = ParseProxyUrl(options.https);
    if (!https) {
      return MakeError(ErrorCode::kInvalidArgument, "https proxy: " + https.error().message);
    }
    routes.https_ = std::move(*https);
  }
  if (!options.http.empty()) {
    Result<ProxyEndpoint> http = ParseProxyUrl(options.http);
    if (!http) {
      return MakeError(ErrorCode::kInvalidArgument, "http proxy: " + http.error().message);
    }
    routes.http_ = std::move(*http);
  }
  routes.no_proxy_ = NoProxyList(options.no_proxy);
  return routes;
}

const ProxyEndpoint* ProxyRoutes::For(const Url& url) const {
  const std::optional<ProxyEndpoint>& proxy = url.scheme == "https" ? https_ : http_;
  if (!proxy || no_proxy_.Bypasses(url)) return nullptr;
  return &*proxy;
}

}  // namespace fareflow::net
