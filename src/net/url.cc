#include "net/url.h"

#include <charconv>

#include "core/text.h"

namespace fareflow::net {
namespace {

uint16_t DefaultPort(std::string_view scheme) { return scheme == "https" ? 443 : 80; }

// Bytes that would break the request line or smuggle a header: whitespace and controls.
bool HasUnsendableByte(std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f) return true;
  }
  return false;
}

bool IsHostNameByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

bool IsIpv6LiteralByte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
         c == '.';
}

tl::unexpected<Error> Invalid(std::string_view url, std::string_view why) {
  return MakeError(ErrorCode::kInvalidArgument,
                   "invalid URL \"" + std::string(url.substr(0, 200)) + "\": " + std::string(why));
}

}  // namespace

std::string Url::HostHeader() const {
  std::string out = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != DefaultPort(scheme)) out += ":" + std::to_string(port);
  return out;
}

std::string Url::Origin() const {
  std::string bracketed = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return scheme + "://" + bracketed + ":" + std::to_string(port);
}

Result<Url> ParseUrl(std::string_view url) {
  if (HasUnsendableByte(url)) return Invalid(url, "contains whitespace or control characters");
  std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return Invalid(url, "not absolute");
  Url out;
  out.scheme = AsciiLower(url.substr(0, scheme_end));
  if (out.scheme != "http" && out.scheme != "https") {
    return Invalid(url, "the scheme must be http or https");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  std::size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  std::size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view target =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  if (authority.find('@') != std::string_view::npos) return Invalid(url, "user info not allowed");
  std::string_view host;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Invalid(url, "unclosed IPv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Invalid(url, "junk after the IPv6 literal");
      port_text = after.substr(1);
    }
    for (char c : host) {
      if (!IsIpv6LiteralByte(c)) return Invalid(url, "bad IPv6 literal");
    }
    if (host.find(':') == std::string_view::npos) return Invalid(url, "bad IPv6 literal");
  } else {
    std::size_t colon = authority.rfind(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    for (char c : host) {
      if (!IsHostNameByte(c)) return Invalid(url, "bad host name");
    }
  }
  if (host.empty()) return Invalid(url, "no host");
  out.host = AsciiLower(host);

  out.port = DefaultPort(out.scheme);
  bool has_port_separator = authority.front() == '['
                                ? authority.find("]:") != std::string_view::npos
                                : authority.find(':') != std::string_view::npos;
  if (has_port_separator) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
        value == 0 || value > 65535) {
      return Invalid(url, "bad port");
    }
    out.port = static_cast<uint16_t>(value);
  }

  if (target.empty()) {
    out.target = "/";
  } else if (target.front() == '?') {
    out.target = "/" + std::string(target);
  } else {
    out.target = std::string(target);
  }
  return out;
}

}  // namespace fareflow::net
