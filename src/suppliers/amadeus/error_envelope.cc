#include "suppliers/amadeus/error_envelope.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "suppliers/json_fields.h"

namespace fareflow::amadeus::internal {

namespace od = simdjson::ondemand;
using simdjson::error_code;

Result<void> ParseErrors(simdjson::ondemand::value v) {
  od::array arr;
  if (v.get_array().get(arr)) {
    return MakeError(ErrorCode::kMalformed, "amadeus error envelope: errors is not an array");
  }
  std::optional<int64_t> status;
  std::optional<int64_t> code;
  std::string title;
  std::string detail;
  std::string field;
  bool first = true;
  for (auto element : arr) {
    od::value item;
    if (error_code e = element.get(item)) {
      return MakeError(ErrorCode::kMalformed,
                       std::string("amadeus error envelope: ") + simdjson::error_message(e));
    }
    if (!first) continue;
    first = false;
    od::object obj;
    if (item.get_object().get(obj)) continue;
    for (auto field_result : obj) {
      od::field f;
      if (error_code e = std::move(field_result).get(f)) {
        return MakeError(ErrorCode::kMalformed,
                         std::string("amadeus error envelope: ") + simdjson::error_message(e));
      }
      const od::raw_json_string key = f.key();
      std::string_view text;
      if (key == "status") {
        suppliers::ReadLooseInt(f.value(), status);
      } else if (key == "code") {
        suppliers::ReadLooseInt(f.value(), code);
      } else if (key == "title") {
        if (!f.value().get_string().get(text)) title = text;
      } else if (key == "detail") {
        if (!f.value().get_string().get(text)) detail = text;
      } else if (key == "source") {
        od::object source;
        if (f.value().get_object().get(source)) continue;
        for (auto sf : source) {
          od::field s;
          if (std::move(sf).get(s)) break;
          const od::raw_json_string skey = s.key();
          if ((skey == "parameter" || skey == "pointer") && field.empty() &&
              !s.value().get_string().get(text)) {
            field = text;
          }
        }
      }
    }
  }
  if (first) return MakeError(ErrorCode::kUnsupported, "amadeus error: (no detail)");
  std::string message = "amadeus error ";
  message += code ? std::to_string(*code) : (status ? std::to_string(*status) : "?");
  message += ' ';
  message += title;
  message += ": ";
  message += detail;
  const bool client_error = status && *status >= 400 && *status < 500;
  return MakeError(client_error ? ErrorCode::kInvalidArgument : ErrorCode::kUnsupported,
                   std::move(message), std::move(field));
}

}  // namespace fareflow::amadeus::internal
