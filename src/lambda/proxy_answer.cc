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

// Writes {"name":"v1, v2",...} for `groups`.
void WriteJoined(
    JsonWriter& w,
    const std::vector<std::pair<std::string_view, std::vector<std::string_view>>>& groups) {
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
}

// Viewed by the groups of every answer until it is written.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kSecurity =
      server::ApiSecurityHeaders();
  return kSecurity;
}

}  // namespace

std::string FormatStreamPrelude(const net::WireResponse& head) {
  auto groups = Grouped(head);
  AddSecurityHeaders(groups, SecurityHeaders());
  std::vector<std::string_view> cookies;
  std::erase_if(groups, [&cookies](const auto& group) {
    if (!net::EqualsIgnoreCase(group.first, "Set-Cookie")) return false;
    cookies.insert(cookies.end(), group.second.begin(), group.second.end());
    return true;
  });
  std::string out;
  {  // the writer trims `out` to its JSON when it goes
    JsonWriter w(out);
    w.BeginObject();
    w.Key("statusCode");
    w.Int(head.status);
    w.Key("headers");
    WriteJoined(w, groups);
    w.Key("cookies");
    w.BeginArray();
    for (const std::string_view c : cookies) w.String(c);
    w.EndArray();
    w.EndObject();
    w.Finish();
  }
  out.append(8, '\0');  // the delimiter between the prelude and the body
  return out;
}

std::string FormatAnswer(EventKind kind, const net::WireResponse& response) {
  if (kind == EventKind::kDirect) return response.body;
  auto groups = Grouped(response);
  AddSecurityHeaders(groups, SecurityHeaders());
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("statusCode");
  w.Int(response.status);
  w.Key("headers");
  WriteJoined(w, groups);
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
