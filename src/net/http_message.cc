#include "net/http_message.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <utility>

#include <boost/beast/http/error.hpp>

#include "core/text.h"
#include "net/gzip.h"

namespace fareflow::net {
namespace http = boost::beast::http;
namespace {

// The q-value of one Accept or Accept-Encoding element's parameters (";q=0.5"); 1 when absent.
double QValue(std::string_view params) {
  while (!params.empty()) {
    std::size_t semi = params.find(';');
    std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      std::string value(Trim(param.substr(2)));
      char* end = nullptr;
      double q = std::strtod(value.c_str(), &end);
      return end == value.c_str() ? 1.0 : q;
    }
  }
  return 1.0;
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

bool HasHeader(const WireResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (EqualsIgnoreCase(key, name)) return true;
  }
  return false;
}

}  // namespace

WireRequest MakeWireRequest(const BeastRequest& request) {
  WireRequest wire;
  wire.method = std::string_view(request.method_string().data(), request.method_string().size());
  std::string_view target(request.target().data(), request.target().size());
  std::size_t question = target.find('?');
  wire.path = target.substr(0, question);
  if (question != std::string_view::npos)
    wire.query = ParseQueryString(target.substr(question + 1));
  for (const auto& field : request) {
    wire.headers.emplace_back(
        std::string_view(field.name_string().data(), field.name_string().size()),
        std::string_view(field.value().data(), field.value().size()));
  }
  wire.body = request.body();
  return wire;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  bool star = false;
  double star_q = 0;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view element = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::size_t semi = element.find(';');
    std::string_view coding = Trim(element.substr(0, semi));
    std::string_view params =
        semi == std::string_view::npos ? std::string_view() : element.substr(semi + 1);
    if (EqualsIgnoreCase(coding, "gzip") || EqualsIgnoreCase(coding, "x-gzip")) {
      return QValue(params) > 0;
    }
    if (coding == "*") {
      star = true;
      star_q = QValue(params);
    }
  }
  return star && star_q > 0;
}

bool AcceptsMediaType(std::string_view accept, std::string_view type) {
  while (!accept.empty()) {
    const std::size_t comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const std::size_t semi = range.find(';');
    const std::string_view params =
        semi == std::string_view::npos ? std::string_view() : range.substr(semi + 1);
    if (EqualsIgnoreCase(Trim(range.substr(0, semi)), type) && QValue(params) > 0) return true;
  }
  return false;
}

BeastResponse BuildResponse(WireResponse response, const ResponseContext& context) {
  if (response.status < 100 || response.status > 999) {
    response = ErrorResponse(500, "internal", "the handler answered an invalid HTTP status");
  }
  BeastResponse out;
  out.version(context.version);
  out.result(static_cast<unsigned>(response.status));
  // 1xx, 204 and 304 responses never carry a body.
  bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (bodiless) response.body.clear();
  if (!response.content_type.empty() && !bodiless) {
    out.set(http::field::content_type, response.content_type);
  }
  for (auto& [name, value] : response.headers) out.insert(name, value);
  if (context.default_headers != nullptr) {
    for (const auto& [name, value] : *context.default_headers) {
      if (!HasHeader(response, name)) out.insert(name, value);
    }
  }
  if (context.accepts_gzip && response.body.size() > kGzipMinBytes &&
      !HasHeader(response, "Content-Encoding")) {
    if (Result<std::string> gz = GzipCompress(response.body)) {
      response.body = std::move(*gz);
      out.set(http::field::content_encoding, "gzip");
      // Added to what the handler's Vary names (Origin, for CORS), not in its place.
      const std::string_view vary(out[http::field::vary].data(), out[http::field::vary].size());
      out.set(http::field::vary, vary.empty() ? std::string("Accept-Encoding")
                                              : std::string(vary) + ", Accept-Encoding");
    }
  }
  out.set(http::field::server, context.server_name);
  out.set(http::field::date, HttpDate(std::chrono::system_clock::now()));
  out.keep_alive(context.keep_alive);
  std::size_t length = response.body.size();
  out.body() = std::move(response.body);
  if (context.head) {
    out.body().clear();
    out.content_length(length);
  } else if (!bodiless) {
    out.content_length(length);
  }
  return out;
}

BeastResponse BuildStreamHead(WireResponse head, const ResponseContext& context) {
  head.body.clear();
  ResponseContext plain = context;
  plain.accepts_gzip = false;  // parts are sent as they come: no content coding of the whole
  plain.head = false;
  plain.keep_alive = context.keep_alive && context.version >= 11;
  BeastResponse out = BuildResponse(std::move(head), plain);
  out.erase(http::field::content_length);
  if (context.version >= 11) out.chunked(true);
  return out;
}

bool IsHttpParseError(const boost::beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_target).category();
}

WireResponse ErrorResponse(int status, std::string_view code, std::string_view message) {
  WireResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = "{\"error\":{\"code\":";
  AppendJsonString(response.body, code);
  response.body += ",\"message\":";
  AppendJsonString(response.body, message);
  response.body += "}}";
  return response;
}

std::string HttpDate(std::chrono::system_clock::time_point when) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday % 7],
                tm.tm_mday, kMonths[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

}  // namespace fareflow::net
