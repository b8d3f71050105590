#include "store/redis_url.h"

#include <charconv>

namespace fareflow {
namespace {

Result<int> ReadNumber(std::string_view text, int low, int high, const char* what) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < low ||
      value > high) {
    return MakeError(ErrorCode::kInvalidArgument,
                     std::string("redis URL: ") + what + " must be " + std::to_string(low) + "-" +
                         std::to_string(high) + ", not \"" + std::string(text) + "\"");
  }
  return value;
}

}  // namespace

Result<RedisEndpoint> ParseRedisUrl(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "redis URL must start with redis:// (rediss:// is not supported): \"" +
                         std::string(url) + "\"");
  }
  std::string_view rest = url.substr(kScheme.size());
  RedisEndpoint endpoint;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    const std::string_view credentials = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    const auto colon = credentials.find(':');
    if (colon == std::string_view::npos) {
      endpoint.password = credentials;  // redis://secret@host, as some clients accept
    } else {
      endpoint.user = credentials.substr(0, colon);
      endpoint.password = credentials.substr(colon + 1);
    }
  }
  std::string_view authority = rest;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    const std::string_view db = rest.substr(slash + 1);
    if (!db.empty()) {
      auto n = ReadNumber(db, 0, 15, "the database");
      if (!n) return tl::unexpected(n.error());
      endpoint.db = *n;
    }
  }
  std::string_view host = authority;
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    auto n = ReadNumber(authority.substr(colon + 1), 1, 65535, "the port");
    if (!n) return tl::unexpected(n.error());
    endpoint.port = *n;
  }
  if (host.empty()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "redis URL names no host: \"" + std::string(url) + "\"");
  }
  endpoint.host = host;
  return endpoint;
}

}  // namespace fareflow
