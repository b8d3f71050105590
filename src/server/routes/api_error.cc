#include "server/routes/api_error.h"

#include <string>

#include "core/json_writer.h"

namespace fareflow::server {

net::WireResponse ApiError(int status, std::string_view code, std::string_view message,
                           std::string_view field) {
  net::WireResponse response;
  response.status = status;
  {
    JsonWriter w(response.body);
    w.BeginObject();
    w.Key("error");
    w.BeginObject();
    w.Key("code");
    w.String(code);
    w.Key("message");
    w.String(message);
    if (!field.empty()) {
      w.Key("field");
      w.String(field);
    }
    w.EndObject();
    w.EndObject();
  }
  return response;
}

net::WireResponse RequestError(const Error& error) {
  if (error.code == ErrorCode::kInternal || error.code == ErrorCode::kIo) {
    return ApiError(500, "internal", error.message);
  }
  // Request errors name JSON pointers; the pipeline names a top-level field ("cursor") plainly.
  std::string field = error.field;
  if (!field.empty() && field.front() != '/') field.insert(0, "/");
  return ApiError(400, "invalid_argument", error.message, field);
}

}  // namespace fareflow::server
