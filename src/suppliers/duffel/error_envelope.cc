#include "suppliers/duffel/error_envelope.h"

#include <string>
#include <utility>

namespace fareflow::duffel {
namespace {

using simdjson::ondemand::json_type;

// Reads a string, leaving `out` untouched for null or any other type. Only a broken document is
// reported.
simdjson::error_code ReadText(simdjson::ondemand::value value, std::string& out) {
  json_type type;
  if (auto err = value.type().get(type)) return err;
  if (type != json_type::string) return simdjson::SUCCESS;
  std::string_view text;
  if (auto err = value.get_string().get(text)) return err;
  out.assign(text);
  return simdjson::SUCCESS;
}

// Reads `source.pointer` (Duffel also sends `source.field`; the pointer is the more precise).
simdjson::error_code ReadSource(simdjson::ondemand::value value, std::string& pointer) {
  json_type type;
  if (auto err = value.type().get(type)) return err;
  if (type != json_type::object) return simdjson::SUCCESS;  // e.g. "iberia" on airline errors
  simdjson::ondemand::object source;
  if (auto err = value.get_object().get(source)) return err;
  for (auto field_result : source) {
    simdjson::ondemand::field field;
    if (auto err = std::move(field_result).get(field)) return err;
    if (field.key() == "pointer") {
      if (auto err = ReadText(field.value(), pointer)) return err;
    }
  }
  return simdjson::SUCCESS;
}

simdjson::error_code ReadFirstError(simdjson::ondemand::value value, std::string& type,
                                    std::string& code, std::string& title, std::string& message,
                                    std::string& pointer) {
  json_type json;
  if (auto err = value.type().get(json)) return err;
  if (json != json_type::object) return simdjson::SUCCESS;
  simdjson::ondemand::object entry;
  if (auto err = value.get_object().get(entry)) return err;
  for (auto field_result : entry) {
    simdjson::ondemand::field field;
    if (auto err = std::move(field_result).get(field)) return err;
    const simdjson::ondemand::raw_json_string key = field.key();
    simdjson::error_code err = simdjson::SUCCESS;
    if (key == "type") {
      err = ReadText(field.value(), type);
    } else if (key == "code") {
      err = ReadText(field.value(), code);
    } else if (key == "title") {
      err = ReadText(field.value(), title);
    } else if (key == "message") {
      err = ReadText(field.value(), message);
    } else if (key == "source") {
      err = ReadSource(field.value(), pointer);
    }
    if (err) return err;
  }
  return simdjson::SUCCESS;
}

}  // namespace

ErrorCode ErrorCodeForDuffelType(std::string_view type, std::string_view code) {
  if (type == "validation_error" || type == "invalid_request_error" ||
      type == "invalid_state_error") {
    return code == "not_found" ? ErrorCode::kNotFound : ErrorCode::kInvalidArgument;
  }
  if (type == "authentication_error" || type == "permission_error") {
    return ErrorCode::kUnsupported;
  }
  return ErrorCode::kIo;
}

simdjson::error_code ReadErrorEnvelope(simdjson::ondemand::value errors,
                                       std::optional<Error>& out) {
  out.reset();
  std::string type, code, title, message, pointer;
  bool any = false;
  json_type json;
  if (auto err = errors.type().get(json)) return err;
  if (json == json_type::array) {
    simdjson::ondemand::array entries;
    if (auto err = errors.get_array().get(entries)) return err;
    for (auto entry_result : entries) {
      simdjson::ondemand::value entry;
      if (auto err = std::move(entry_result).get(entry)) return err;
      if (!any) {
        if (auto err = ReadFirstError(entry, type, code, title, message, pointer)) return err;
        any = true;
      }
    }
  }
  if (!any) return simdjson::SUCCESS;
  std::string text = "duffel ";
  text += type.empty() ? "error" : type;
  if (!code.empty()) text += " " + code;
  text += ": ";
  text += message.empty() ? title : message;
  if (!title.empty() && !message.empty()) text += " (" + title + ")";
  out = Error{ErrorCodeForDuffelType(type, code), std::move(text), std::move(pointer)};
  return simdjson::SUCCESS;
}

}  // namespace fareflow::duffel
