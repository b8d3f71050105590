#include "lambda/proxy_answer.h"

#include <string_view>
#include <utility>
#include <vector>

#include "core/json_writer.h"
#include "server/access/security_headers.h"

namespace fareflow::lambda {
namespace {

// Every header of `response` with its values in order, Content-Type first. Names are the
// server's own (Content-Type, Server-Timing, Location, ...): JsonWriter writes keys unescaped.
std::vector<std::pair<std::string_view, std::vector<std::string_view>>> Grouped(
    const net::WireResponse& response) {
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> groups;
  auto add = [&groups](std::string_view name, std::string_view value) {
    for (auto& [n, values] : groups) {
      if (net::EqualsIgnoreCase(n, name)) {
        values.push_back(value);
        return;
      }
    }
    groups.push_back({name, {value}});
  };
  if (!response.content_type.empty()) add("Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) add(name, value);
  return groups;
}

// `groups` with the security headers every `fareflow serve` answer carries added after the
// answer's own, but for those the answer sets itself. `security` must outlive the result's use.
void AddSecurityHeaders(
    std::vector<std::pair<std::string_view, std::vector<std::string_view>>>& groups,
    const std::vector<std::pair<std::string, std::string>>& security) {
  const std::size_t own = groups.size();
  for (const auto& [name, value] : security) {
    bool set = false;
    for (std::size_t i = 0; i < own; ++i) set |= net::EqualsIgnoreCase(groups[i].first, name);
    if (!set) groups.push_back({name, {value}});
  }
}

}  // namespace

std::string FormatAnswer(EventKind kind, const net::WireResponse& response) {
  if (kind == EventKind::kDirect) return response.body;
  // Viewed by `groups` until the answer is written.
  static const std::vector<std::pair<std::string, std::string>> kSecurity =
      server::ApiSecurityHeaders();
  auto groups = Grouped(response);
  AddSecurityHeaders(groups, kSecurity);
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("statusCode");
  w.Int(response.status);
  w.Key("headers");
  w.BeginObject();
  for (const auto& [name, values] : groups) {
    std::string joined;
    for (const std::string_view v : values) {
      if (!joined.empty()) joined += ", ";
      joined += v;
    }
    w.Key(name);
    w.String(joined);
  }
  w.EndObject();
  if (kind == EventKind::kRestV1) {
    w.Key("multiValueHeaders");
    w.BeginObject();
    for (const auto& [name, values] : groups) {
      w.Key(name);
      w.BeginArray();
      for (const std::string_view v : values) w.String(v);
      w.EndArray();
    }
    w.EndObject();
  }
  w.Key("body");
  w.String(response.body);
  w.Key("isBase64Encoded");
  w.Bool(false);
  w.EndObject();
  w.Finish();
  return out;
}

}  // namespace fareflow::lambda
