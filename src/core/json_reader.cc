#include "core/json_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/echo.h"

namespace fareflow {
namespace {

// The raw text of a JSON string starting at json[begin] ('"'), quotes included, or empty when it
// does not end.
std::string_view StringToken(std::string_view json, std::size_t begin) {
  for (std::size_t i = begin + 1; i < json.size(); ++i) {
    if (json[i] == '\\') {
      ++i;
    } else if (json[i] == '"') {
      return json.substr(begin, i - begin + 1);
    }
  }
  return {};
}

// RFC 8259's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool WellFormedNumber(std::string_view n) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < n.size() && n[i] >= '0' && n[i] <= '9') ++i;
    return i - start;
  };
  if (i < n.size() && n[i] == '-') ++i;
  if (i < n.size() && n[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < n.size() && n[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < n.size() && (n[i] == 'e' || n[i] == 'E')) {
    ++i;
    if (i < n.size() && (n[i] == '+' || n[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == n.size();
}

// After simdjson refused a number (NUMBER_ERROR, which it also gives for numbers too large for
// any of its types): walks `json` again, tracking the pointer of each value, to the first number
// simdjson cannot read alone. Its pointer when that number is well-formed (so it is out of range);
// nullopt when it is not (the document is malformed) or when no such number is found. Only runs
// on documents already refused, so it favours simplicity over speed: a number that could be out of
// range (19 characters or more, or an exponent) is handed to simdjson on its own.
std::optional<std::string> OutOfRangeNumber(std::string_view json) {
  struct Level {
    bool array = false;
    std::size_t index = 0;
    std::string key;  // unescaped
  };
  std::vector<Level> levels;
  bool expect_key = false;
  simdjson::dom::parser scratch;
  auto pointer = [&] {
    std::string p;
    for (const Level& level : levels) {
      p = level.array ? PointerTo(p, level.index) : PointerTo(p, level.key);
    }
    return p;
  };
  for (std::size_t i = 0; i < json.size();) {
    const char c = json[i];
    if (c == '{' || c == '[') {
      levels.push_back({.array = c == '['});
      expect_key = c == '{';
      ++i;
    } else if (c == '}' || c == ']') {
      if (levels.empty()) return std::nullopt;
      levels.pop_back();
      ++i;
    } else if (c == ',') {
      if (levels.empty()) return std::nullopt;
      if (levels.back().array) {
        ++levels.back().index;
      } else {
        expect_key = true;
      }
      ++i;
    } else if (c == '"') {
      const std::string_view token = StringToken(json, i);
      if (token.empty()) return std::nullopt;
      if (expect_key && !levels.empty() && !levels.back().array) {
        std::string_view key;
        if (scratch.parse(token.data(), token.size()).get_string().get(key)) {
          key = token.substr(1, token.size() - 2);
        }
        levels.back().key = std::string(key);
        expect_key = false;
      }
      i += token.size();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < json.size() && std::strchr("+-.0123456789eE", json[end]) != nullptr &&
             json[end] != '\0') {
        ++end;
      }
      const std::string_view number = json.substr(i, end - i);
      if (!WellFormedNumber(number)) return std::nullopt;
      const bool may_overflow =
          number.size() >= 19 || number.find_first_of("eE") != std::string_view::npos;
      if (may_overflow && scratch.parse(number.data(), number.size()).error()) return pointer();
      i = end;
    } else {
      ++i;  // blanks, ':', and the letters of true, false and null
    }
  }
  return std::nullopt;
}

// The pointer, below the value `element` stands for, of the first duplicate key in an object at
// any depth, or nullopt.
std::optional<std::string> DuplicateBelow(simdjson::dom::element element) {
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (!element.get_object().get(object)) {
    if (std::optional<std::string_view> key = json_reader_internal::DuplicateKey(object)) {
      return PointerTo("", *key);
    }
    for (auto [key, value] : object) {
      if (std::optional<std::string> below = DuplicateBelow(value)) {
        return PointerTo("", key) + *below;
      }
    }
  } else if (!element.get_array().get(array)) {
    std::size_t index = 0;
    for (simdjson::dom::element item : array) {
      if (std::optional<std::string> below = DuplicateBelow(item)) {
        return PointerTo("", index) + *below;
      }
      ++index;
    }
  }
  return std::nullopt;
}

}  // namespace

namespace json_reader_internal {

std::optional<std::string_view> DuplicateKey(simdjson::dom::object object) {
  const std::size_t count = object.size();
  if (count < 2) return std::nullopt;
  // Most objects of a request have a handful of members: sorted on the stack, no allocation.
  constexpr std::size_t kOnStack = 16;
  std::array<std::string_view, kOnStack> small;
  std::vector<std::string_view> large;
  std::string_view* keys = small.data();
  if (count > kOnStack) {
    large.resize(count);
    keys = large.data();
  }
  std::size_t n = 0;
  for (auto [key, value] : object) keys[n++] = key;
  std::sort(keys, keys + n);
  std::string_view* twice = std::adjacent_find(keys, keys + n);
  if (twice == keys + n) return std::nullopt;
  return *twice;
}

}  // namespace json_reader_internal

std::string PointerTo(std::string_view base, std::string_view key) {
  std::string pointer;
  pointer.reserve(base.size() + 1 + std::min(key.size(), kEchoBytes + 3));
  pointer.append(base);
  pointer.push_back('/');
  // Keys come from parsed JSON, which simdjson has checked to be UTF-8: a short one is appended
  // as it is, a long one (a client's invention) as a bounded prefix.
  if (key.size() <= kEchoBytes) {
    pointer.append(key);
  } else {
    pointer.append(EchoPrefix(key));
  }
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
    if (error == simdjson::NUMBER_ERROR) {
      if (std::optional<std::string> at = OutOfRangeNumber(json)) {
        return InvalidAt(std::move(*at), "is out of range");
      }
    }
    return MakeError(ErrorCode::kMalformed, simdjson::error_message(error));
  }
  return JsonValue(root, "");
}

Result<void> RefuseDuplicateKeys(const JsonValue& value) {
  if (std::optional<std::string> below = DuplicateBelow(value.element())) {
    return InvalidAt(value.pointer() + *below, "appears twice");
  }
  return {};
}

}  // namespace fareflow
