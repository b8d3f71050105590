#include "suppliers/json_fields.h"

#include <charconv>
#include <cstring>

namespace fareflow::suppliers {

simdjson::error_code ReadStringSlow(simdjson::ondemand::value value, Arena& arena,
                                    std::string_view& out) noexcept {
  simdjson::ondemand::json_type type;
  if (auto err = value.type().get(type)) return err;
  if (type == simdjson::ondemand::json_type::null) {
    out = {};
    return simdjson::SUCCESS;
  }
  if (type != simdjson::ondemand::json_type::string) return simdjson::INCORRECT_TYPE;
  const std::string_view raw = value.raw_json_token();
  if (raw.size() < 2) return simdjson::TAPE_ERROR;
  // raw is the token as it stands in the payload: the opening quote, the text, the closing quote
  // and possibly trailing white space. Scan for the closing quote; stop at the first backslash.
  const char* begin = raw.data() + 1;
  const char* end = raw.data() + raw.size();
  for (const char* p = begin; p < end; ++p) {
    if (*p == '"') {
      out = std::string_view(begin, static_cast<std::size_t>(p - begin));
      return simdjson::SUCCESS;
    }
    if (*p == '\\') break;
  }
  std::string_view unescaped;
  if (auto err = value.get_string().get(unescaped)) return err;
  out = arena.CopyString(unescaped);  // the parser's string buffer is reused per document
  return simdjson::SUCCESS;
}

simdjson::error_code ReadLooseIntSlow(simdjson::ondemand::value value,
                                      std::optional<int64_t>& out) noexcept {
  simdjson::ondemand::json_type type;
  if (auto err = value.type().get(type)) return err;
  switch (type) {
    case simdjson::ondemand::json_type::null:
      out.reset();
      return simdjson::SUCCESS;
    case simdjson::ondemand::json_type::number: {
      double d;
      int64_t i;
      if (value.get_int64().get(i) == simdjson::SUCCESS) {
        out = i;
        return simdjson::SUCCESS;
      }
      if (auto err = value.get_double().get(d)) return err;
      if (!(d > -9.2e18 && d < 9.2e18)) return simdjson::NUMBER_OUT_OF_RANGE;
      out = static_cast<int64_t>(d);
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view s;
      if (auto err = value.get_string().get(s)) return err;
      // "424.2" is read as 424: fractional parts are dropped.
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || ptr == s.data()) return simdjson::INCORRECT_TYPE;
      if (ptr != s.data() + s.size() && *ptr != '.') return simdjson::INCORRECT_TYPE;
      out = v;
      return simdjson::SUCCESS;
    }
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

}  // namespace fareflow::suppliers
