#include "lambda/proxy_answer.h"

#include <string_view>
#include <utility>
#include <vector>

#include <boost/beast/http/status.hpp>

#include "core/base64.h"
#include "core/json_writer.h"
#include "net/gzip.h"
#include "server/access/security_headers.h"
#include "server/routes/api_error.h"

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

bool HasHeader(const net::WireResponse& response, std::string_view name) {
  for (const auto& [n, value] : response.headers) {
    if (net::EqualsIgnoreCase(n, name)) return true;
  }
  return false;
}

// Adds `name` to the answer's Vary field, or gives it one: one Vary field, as the server keeps.
void AddVary(net::WireResponse& response, std::string_view name) {
  for (auto& [n, value] : response.headers) {
    if (net::EqualsIgnoreCase(n, "Vary")) {
      value += ", ";
      value += name;
      return;
    }
  }
  response.headers.emplace_back("Vary", std::string(name));
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
  const bool alb = kind == EventKind::kAlb || kind == EventKind::kAlbMultiValue;
  // A content-coded body is bytes, which a JSON string can carry only as base64.
  const bool base64 = HasHeader(response, "Content-Encoding");
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("statusCode");
  w.Int(response.status);
  if (alb) {
    // The text the server's own status line carries (Boost.Beast's reason phrases).
    const auto reason = boost::beast::http::obsolete_reason(
        boost::beast::http::int_to_status(static_cast<unsigned>(response.status)));
    w.Key("statusDescription");
    w.String(std::to_string(response.status) + " " + std::string(reason.data(), reason.size()));
  }
  if (kind != EventKind::kAlbMultiValue) {
    w.Key("headers");
    WriteJoined(w, groups);
  }
  if (kind == EventKind::kRestV1 || kind == EventKind::kAlbMultiValue) {
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
  w.String(base64 ? EncodeBase64(response.body) : response.body);
  w.Key("isBase64Encoded");
  w.Bool(base64);
  w.EndObject();
  w.Finish();
  return out;
}

AlbAnswer FormatAlbAnswer(EventKind kind, net::WireResponse response, bool accepts_gzip) {
  AlbAnswer answer{response.status, FormatAnswer(kind, response)};
  if (answer.json.size() <= kAlbAnswerLimitBytes) return answer;
  const std::size_t whole = answer.json.size();
  // Compressed as `fareflow serve` compresses an answer (net/http_message.cc), but only when it
  // has to be: an answer that fits goes as it is, readable in the function's logs and tests.
  if (accepts_gzip && !HasHeader(response, "Content-Encoding")) {
    if (Result<std::string> gz = net::GzipCompress(response.body)) {
      response.body = std::move(*gz);
      response.headers.emplace_back("Content-Encoding", "gzip");
      AddVary(response, "Accept-Encoding");
      answer.json = FormatAnswer(kind, response);
      if (answer.json.size() <= kAlbAnswerLimitBytes) return answer;
    }
  }
  std::string message = "the answer is " + std::to_string(whole) + " bytes, over the 1 MB (" +
                        std::to_string(kAlbAnswerLimitBytes) +
                        " bytes) an Application Load Balancer takes from a Lambda function";
  message += accepts_gzip ? " even gzip-compressed" : "";
  message += ": ask for fewer offers (\"limit\"), the compact form (\"answer_form\":\"compact\")";
  message += accepts_gzip ? "" : ", or send Accept-Encoding: gzip";
  const net::WireResponse error = server::ApiError(500, "answer_too_large", message);
  return {error.status, FormatAnswer(kind, error)};
}

}  // namespace fareflow::lambda
