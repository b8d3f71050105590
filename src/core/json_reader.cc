#include "core/json_reader.h"

namespace fareflow {

std::string PointerTo(std::string_view base, std::string_view key) {
  std::string pointer;
  pointer.reserve(base.size() + 1 + key.size());
  pointer.append(base);
  pointer.push_back('/');
  pointer.append(key);
  return pointer;
}

std::string PointerTo(std::string_view base, std::size_t index) {
  return PointerTo(base, std::to_string(index));
}

tl::unexpected<Error> InvalidAt(std::string pointer, std::string message) {
  return MakeError(ErrorCode::kInvalidArgument, std::move(message), std::move(pointer));
}

Result<int64_t> JsonValue::Int(int64_t lo, int64_t hi) const {
  int64_t v = 0;
  if (element_.get_int64().get(v)) return Invalid("must be an integer");
  if (v < lo || v > hi) {
    return Invalid("must be between " + std::to_string(lo) + " and " + std::to_string(hi));
  }
  return v;
}

Result<std::string_view> JsonValue::String() const {
  std::string_view s;
  if (element_.get_string().get(s)) return Invalid("must be a string");
  return s;
}

Result<bool> JsonValue::Bool() const {
  bool b = false;
  if (element_.get_bool().get(b)) return Invalid("must be true or false");
  return b;
}

Result<std::size_t> JsonValue::ArraySize() const {
  Result<simdjson::dom::array> array = Array(SIZE_MAX);
  if (!array) return tl::unexpected(array.error());
  return array->size();
}

std::optional<JsonValue> JsonValue::Member(std::string_view key) const {
  simdjson::dom::element value;
  if (element_.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) {
    return std::nullopt;
  }
  return JsonValue(value, At(key));
}

Result<simdjson::dom::object> JsonValue::Object() const {
  simdjson::dom::object object;
  if (element_.get_object().get(object)) return Invalid("must be an object");
  return object;
}

Result<simdjson::dom::array> JsonValue::Array(std::size_t max_items) const {
  simdjson::dom::array array;
  if (element_.get_array().get(array)) return Invalid("must be an array");
  if (array.size() > max_items) {
    return Invalid("must have at most " + std::to_string(max_items) + " items");
  }
  return array;
}

Result<JsonValue> ParseJson(simdjson::dom::parser& parser, std::string_view json) {
  simdjson::dom::element root;
  if (auto error = parser.parse(json.data(), json.size()).get(root)) {
    return MakeError(ErrorCode::kMalformed, simdjson::error_message(error));
  }
  return JsonValue(root, "");
}

}  // namespace fareflow
