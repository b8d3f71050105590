#include "lambda/event.h"

#include <simdjson.h>

#include "core/base64.h"
#include "core/json_reader.h"
#include "net/wire_exchange.h"

namespace fareflow::lambda {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// The string at `field`; empty when it is missing or not a string.
std::string StringField(simdjson::simdjson_result<element> field) {
  std::string_view value;
  if (field.get_string().get(value)) return {};
  return std::string(value);
}

bool Has(object o, const char* key) {
  element ignored;
  return !o[key].get(ignored);
}

// Header objects: {"name":"value"} (single) or {"name":["v1","v2"]} (multiValueHeaders).
void AddPairs(element parent, const char* key,
              std::vector<std::pair<std::string, std::string>>& out) {
  object fields;
  if (parent[key].get_object().get(fields)) return;
  for (auto [name, value] : fields) {
    std::string_view text;
    simdjson::dom::array values;
    if (!value.get_string().get(text)) {
      out.emplace_back(std::string(name), std::string(text));
    } else if (!value.get_array().get(values)) {
      for (element v : values) {
        if (!v.get_string().get(text)) out.emplace_back(std::string(name), std::string(text));
      }
    }
  }
}

// The body, decoded when the event says it is base64; records a problem when it cannot be.
void ReadBody(element root, Event& event) {
  event.body = StringField(root["body"]);
  bool base64 = false;
  if (root["isBase64Encoded"].get_bool().get(base64) || !base64) return;
  Result<std::string> decoded = DecodeBase64(event.body);
  if (!decoded) {
    event.problem = "the event's body is not valid base64";
    return;
  }
  event.body = std::move(*decoded);
}

void ReadV2(element root, Event& event) {
  event.kind = EventKind::kHttpV2;
  event.method = StringField(root["requestContext"]["http"]["method"]);
  event.path = StringField(root["rawPath"]);
  event.query = net::ParseQueryString(StringField(root["rawQueryString"]));
  event.function_url =
      StringField(root["requestContext"]["domainName"]).find(".lambda-url.") != std::string::npos;
  AddPairs(root, "headers", event.headers);
  // Payload 2.0 moves cookies out of the headers.
  simdjson::dom::array cookies;
  if (!root["cookies"].get_array().get(cookies)) {
    std::string joined;
    for (element c : cookies) {
      std::string_view text;
      if (c.get_string().get(text)) continue;
      if (!joined.empty()) joined += "; ";
      joined += text;
    }
    if (!joined.empty()) event.headers.emplace_back("cookie", std::move(joined));
  }
  ReadBody(root, event);
}

void ReadV1(element root, Event& event) {
  event.kind = EventKind::kRestV1;
  event.method = StringField(root["httpMethod"]);
  event.path = StringField(root["path"]);
  // The multi-value forms carry every value; the single forms only the last of each name.
  AddPairs(root, "multiValueQueryStringParameters", event.query);
  if (event.query.empty()) AddPairs(root, "queryStringParameters", event.query);
  AddPairs(root, "multiValueHeaders", event.headers);
  if (event.headers.empty()) AddPairs(root, "headers", event.headers);
  ReadBody(root, event);
}

// An ALB target event: the REST API's fields, but ALB hands the query over as the client sent it,
// where API Gateway decodes it, so keys and values are decoded here as the HTTP server decodes a
// query ("%20" and "+" are spaces; a malformed escape is kept as sent). The header form the
// event came in is the form of its answer.
void ReadAlb(element root, Event& event) {
  ReadV1(root, event);
  object multi_value;
  event.kind = root["multiValueHeaders"].get_object().get(multi_value) ? EventKind::kAlb
                                                                       : EventKind::kAlbMultiValue;
  for (auto& [key, value] : event.query) {
    key = net::DecodeQueryComponent(key);
    value = net::DecodeQueryComponent(value);
  }
}

}  // namespace

Result<Event> ParseEvent(std::string_view payload) {
  simdjson::dom::parser parser;
  element root;
  if (parser.parse(payload.data(), payload.size()).get(root)) {
    return MakeError(ErrorCode::kMalformed, "the event is not JSON");
  }
  object fields;
  if (root.get_object().get(fields)) {
    return MakeError(ErrorCode::kMalformed, "the event is not a JSON object");
  }
  Event event;
  object context;
  if (!root["requestContext"].get_object().get(context) && Has(context, "elb")) {
    ReadAlb(root, event);
  } else if (Has(fields, "httpMethod")) {
    ReadV1(root, event);
  } else if (Has(fields, "requestContext") || Has(fields, "rawPath") || Has(fields, "version")) {
    if (StringField(root["version"]) == "1.0") {
      ReadV1(root, event);
    } else {
      ReadV2(root, event);
    }
  } else if (Has(fields, "slices")) {
    event.kind = EventKind::kDirect;
    event.method = "POST";
    event.path = "/v1/searches";
    event.headers.emplace_back("content-type", "application/json");
    event.body = std::string(payload);
    return event;
  } else {
    return MakeError(ErrorCode::kMalformed,
                     "the event is neither an API Gateway request nor a fareflow search request");
  }
  // A key given twice (two methods, two copies of a header) leaves the request ambiguous: which
  // copy wins must not be left to the reader.
  if (Result<void> unique = RefuseDuplicateKeys(JsonValue(root, ""));
      !unique && event.problem.empty()) {
    event.problem = "the event's key " + unique.error().field + " " + unique.error().message;
  }
  if (event.problem.empty() &&
      (event.method.empty() || event.path.empty() || event.path.front() != '/')) {
    event.problem = "the event names no HTTP method and path";
  }
  return event;
}

}  // namespace fareflow::lambda
