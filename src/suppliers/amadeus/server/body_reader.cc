#include "suppliers/amadeus/server/body_reader.h"

#include <cmath>

#include "suppliers/amadeus/server/flight_search.h"

namespace fareflow::amadeus {

void BodyReader::Add(IssueCode code, std::string detail, const std::string& pointer,
                     std::string example) {
  issues_.push_back(MakeIssue(code, std::move(detail), kNoParameter, pointer, std::move(example)));
}

std::optional<JsonValue> BodyReader::Get(const JsonValue& object, std::string_view key,
                                         bool required) {
  std::optional<JsonValue> value = object.Member(key);
  if (!value && required) Add(kMandatoryDataMissing, "This field must be filled.", object.At(key));
  return value;
}

std::optional<std::string_view> BodyReader::String(const JsonValue& object, std::string_view key,
                                                   bool required) {
  const std::optional<JsonValue> value = Get(object, key, required);
  if (!value) return std::nullopt;
  const Result<std::string_view> s = value->String();
  if (!s) {
    Add(s.error());
    return std::nullopt;
  }
  if (s->empty() && required) {
    Add(kMandatoryDataMissing, "This field must be filled.", value->pointer());
    return std::nullopt;
  }
  return *s;
}

std::optional<JsonValue> BodyReader::Object(const JsonValue& object, std::string_view key,
                                            bool required) {
  std::optional<JsonValue> value = Get(object, key, required);
  if (value && !value->element().is_object()) {
    Add(kInvalidFormat, "must be an object", value->pointer());
    return std::nullopt;
  }
  return value;
}

std::optional<JsonValue> BodyReader::Array(const JsonValue& object, std::string_view key,
                                           bool required, std::size_t min, std::size_t max) {
  std::optional<JsonValue> value = Get(object, key, required);
  if (!value) return std::nullopt;
  const Result<std::size_t> size = value->ArraySize();
  if (!size) {
    Add(size.error());
    return std::nullopt;
  }
  if (*size < min) {
    Add(kMandatoryDataMissing, "at least " + std::to_string(min) + " item(s) required",
        value->pointer());
    return std::nullopt;
  }
  if (*size > max) {
    Add(kTooManyOccurrences, "at most " + std::to_string(max) + " items allowed", value->pointer());
    return std::nullopt;
  }
  return value;
}

std::optional<int64_t> BodyReader::Integer(const JsonValue& object, std::string_view key,
                                           int64_t lo, int64_t hi) {
  const std::optional<JsonValue> value = Get(object, key, false);
  if (!value) return std::nullopt;
  int64_t v = 0;
  double d = 0;
  bool ok = value->element().get_int64().get(v) == simdjson::SUCCESS;
  if (!ok && value->element().get_double().get(d) == simdjson::SUCCESS && std::trunc(d) == d &&
      std::fabs(d) < 9e15) {
    v = static_cast<int64_t>(d);
    ok = true;
  }
  if (!ok) {
    Add(kInvalidFormat, "must be an integer", value->pointer(), std::to_string(lo));
    return std::nullopt;
  }
  if (v < lo || v > hi) {
    Add(kInvalidData, "must be between " + std::to_string(lo) + " and " + std::to_string(hi),
        value->pointer());
    return std::nullopt;
  }
  return v;
}

std::vector<JsonValue> BodyReader::Objects(const JsonValue& array) {
  std::vector<JsonValue> out;
  (void)array.ForEachItem([&](const JsonValue& item) -> Result<void> {
    if (item.element().is_object()) {
      out.push_back(item);
    } else {
      Add(kInvalidFormat, "must be an object", item.pointer());
    }
    return {};
  });
  return out;
}

std::vector<std::pair<std::string_view, std::string>> BodyReader::Strings(const JsonValue& array) {
  std::vector<std::pair<std::string_view, std::string>> out;
  (void)array.ForEachItem([&](const JsonValue& item) -> Result<void> {
    if (const Result<std::string_view> s = item.String()) {
      out.emplace_back(*s, item.pointer());
    } else {
      Add(s.error());
    }
    return {};
  });
  return out;
}

}  // namespace fareflow::amadeus
