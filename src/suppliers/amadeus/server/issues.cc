#include "suppliers/amadeus/server/issues.h"

#include <utility>

#include "core/json_writer.h"

namespace fareflow::amadeus {

net::WireResponse ErrorResponse(const Issues& issues) {
  net::WireResponse response;
  response.status = issues.front().status;
  response.content_type = std::string(kAmadeusJson);
  {  // the writer trims the body when it goes out of scope
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("errors");
    w.BeginArray();
    for (const Issue& issue : issues) {
      w.BeginObject();
      w.Key("status");
      w.Int(issue.status);
      w.Key("code");
      w.Int(issue.code.code);
      w.Key("title");
      w.String(issue.code.title);
      if (!issue.detail.empty()) {
        w.Key("detail");
        w.String(issue.detail);
      }
      if (!issue.parameter.empty() || !issue.pointer.empty() || !issue.example.empty()) {
        w.Key("source");
        w.BeginObject();
        if (!issue.parameter.empty()) {
          w.Key("parameter");
          w.String(issue.parameter);
        }
        if (!issue.pointer.empty()) {
          w.Key("pointer");
          w.String(issue.pointer);
        }
        if (!issue.example.empty()) {
          w.Key("example");
          w.String(issue.example);
        }
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  return response;
}

net::WireResponse ErrorResponse(int status, IssueCode code, std::string detail) {
  Issue issue;
  issue.status = status;
  issue.code = code;
  issue.detail = std::move(detail);
  return ErrorResponse(Issues{std::move(issue)});
}

net::WireResponse UnauthorizedResponse(IssueCode code, std::string_view detail) {
  net::WireResponse response;
  response.status = 401;
  response.content_type = std::string(kAmadeusJson);
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  {  // the writer trims the body when it goes out of scope
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("errors");
    w.BeginArray();
    w.BeginObject();
    w.Key("code");
    w.Int(code.code);
    w.Key("title");
    w.String(code.title);
    w.Key("detail");
    w.String(detail);
    w.Key("status");
    w.Int(401);
    w.EndObject();
    w.EndArray();
    w.EndObject();
  }
  return response;
}

net::WireResponse OAuthErrorResponse(int status, std::string_view error,
                                     std::string_view description) {
  net::WireResponse response;
  response.status = status;
  response.content_type = "application/json";
  {  // the writer trims the body when it goes out of scope
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("error");
    w.String(error);
    w.Key("error_description");
    w.String(description);
    w.Key("code");
    w.Int(38187);
    w.Key("title");
    w.String("Invalid parameters");
    w.EndObject();
  }
  return response;
}

}  // namespace fareflow::amadeus
