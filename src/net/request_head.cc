#include "net/request_head.h"

#include <cstddef>
#include <vector>

#include "core/text.h"
#include "net/wire_exchange.h"

namespace fareflow::net {
namespace http = boost::beast::http;
namespace {

HeadRejection Reject(int status, std::string_view code, std::string message) {
  return HeadRejection{status, code, std::move(message)};
}

HeadRejection BadRequest(std::string message) {
  return Reject(400, "bad_request", std::move(message));
}

// The elements of a comma-separated list over every line of field `name` (RFC 9110 §5.6.1):
// blanks trimmed, empty elements dropped.
std::vector<std::string_view> ListElements(const BeastRequestHead& head, http::field name) {
  std::vector<std::string_view> out;
  auto [begin, end] = head.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    std::string_view value(it->value().data(), it->value().size());
    while (!value.empty()) {
      const std::size_t comma = value.find(',');
      std::string_view element = Trim(value.substr(0, comma));
      if (!element.empty()) out.push_back(element);
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  return out;
}

// A transfer coding's name, without its parameters ("gzip;q=1" -> "gzip").
std::string_view CodingName(std::string_view coding) {
  return Trim(coding.substr(0, coding.find(';')));
}

std::optional<HeadRejection> CheckTransferEncoding(const BeastRequestHead& head) {
  if (head.count(http::field::transfer_encoding) == 0) return std::nullopt;
  if (head.version() < 11) {
    return BadRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request");
  }
  if (head.count(http::field::content_length) > 0) {
    return BadRequest("a request must not have both Transfer-Encoding and Content-Length");
  }
  const std::vector<std::string_view> codings = ListElements(head, http::field::transfer_encoding);
  if (codings.empty() || !EqualsIgnoreCase(codings.back(), "chunked")) {
    return BadRequest("the final Transfer-Encoding must be chunked");
  }
  for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
    if (EqualsIgnoreCase(CodingName(codings[i]), "chunked")) {
      return BadRequest("chunked must not be applied twice");
    }
  }
  if (codings.size() > 1) {
    return Reject(501, "not_implemented", "no transfer coding but chunked is supported");
  }
  return std::nullopt;
}

std::optional<HeadRejection> CheckContentLength(const BeastRequestHead& head) {
  const std::size_t count = head.count(http::field::content_length);
  if (count == 0) return std::nullopt;
  if (count > 1) return BadRequest("a request must have at most one Content-Length");
  const auto value = head[http::field::content_length];
  if (value.empty()) return BadRequest("Content-Length must be a decimal number");
  for (char c : value) {
    if (c < '0' || c > '9') return BadRequest("Content-Length must be a decimal number");
  }
  return std::nullopt;
}

// uri-host [":" port] (RFC 3986): reg-name, IPv4 or IP-literal characters. Empty is valid (a
// target without an authority).
bool IsHostValue(std::string_view host) {
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("-._~%!$&'()*+,;=:[]").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

std::optional<HeadRejection> CheckHost(const BeastRequestHead& head) {
  const std::size_t count = head.count(http::field::host);
  if (count > 1) return BadRequest("a request must have at most one Host");
  if (count == 0) {
    if (head.version() >= 11) return BadRequest("an HTTP/1.1 request must have a Host");
    return std::nullopt;
  }
  const auto value = head[http::field::host];
  if (!IsHostValue(std::string_view(value.data(), value.size()))) {
    return BadRequest("Host must be a host name or address and an optional port");
  }
  return std::nullopt;
}

std::optional<HeadRejection> CheckTarget(const BeastRequestHead& head) {
  const std::string_view target(head.target().data(), head.target().size());
  if (target.starts_with('/') || OriginFormOf(target)) return std::nullopt;
  if (target == "*" && head.method() == http::verb::options) return std::nullopt;
  return BadRequest("the request target must be a path (\"/...\") or an http URL");
}

std::optional<HeadRejection> CheckExpect(const BeastRequestHead& head) {
  // An HTTP/1.0 client cannot wait for a 100 (Continue); its expectation is ignored.
  if (head.version() < 11) return std::nullopt;
  for (std::string_view expectation : ListElements(head, http::field::expect)) {
    if (!EqualsIgnoreCase(expectation, "100-continue")) {
      return Reject(417, "expectation_failed", "only the 100-continue expectation is supported");
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<HeadRejection> CheckRequestHead(const BeastRequestHead& head) {
  // Beast reads only HTTP/1.0 and HTTP/1.1 (the connection answers bad_version with 505).
  if (head.version() != 10 && head.version() != 11) {
    return Reject(505, "http_version_not_supported", "only HTTP/1.0 and HTTP/1.1 are served");
  }
  for (auto check : {CheckTransferEncoding, CheckContentLength, CheckHost, CheckTarget}) {
    if (std::optional<HeadRejection> rejection = check(head)) return rejection;
  }
  return CheckExpect(head);
}

std::optional<std::string> OriginFormOf(std::string_view target) {
  std::size_t scheme_end = target.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  const std::string_view scheme = target.substr(0, scheme_end);
  if (!EqualsIgnoreCase(scheme, "http") && !EqualsIgnoreCase(scheme, "https")) return std::nullopt;
  const std::string_view rest = target.substr(scheme_end + 3);
  const std::size_t path = rest.find_first_of("/?");
  if (path == 0) return std::nullopt;  // no authority
  if (path == std::string_view::npos) return std::string("/");
  if (rest[path] == '?') return "/" + std::string(rest.substr(path));
  return std::string(rest.substr(path));
}

bool NamesAnotherHttpVersion(std::string_view received) {
  const std::size_t end = received.find("\r\n");
  if (end == std::string_view::npos) return false;
  const std::string_view line = received.substr(0, end);
  const std::size_t space = line.rfind(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view version = line.substr(space + 1);
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return version.size() == 8 && version.starts_with("HTTP/") && digit(version[5]) &&
         version[6] == '.' && digit(version[7]) && version != "HTTP/1.0" && version != "HTTP/1.1";
}

bool ExpectsContinue(const BeastRequestHead& head) {
  if (head.version() < 11) return false;
  for (std::string_view expectation : ListElements(head, http::field::expect)) {
    if (EqualsIgnoreCase(expectation, "100-continue")) return true;
  }
  return false;
}

}  // namespace fareflow::net
