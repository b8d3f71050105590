#ifndef FAREFLOW_TESTS_SUPPORT_CANONICAL_JSON_H_
#define FAREFLOW_TESTS_SUPPORT_CANONICAL_JSON_H_

// JSON compared by content: two answers that differ only in fields that change run to run
// (timings, ids) compare equal once those fields are left out.

#include <set>
#include <string>
#include <string_view>

#include <simdjson.h>

namespace fareflow::testing_support {

namespace canonical_json_detail {

inline void Write(simdjson::dom::element e, const std::set<std::string, std::less<>>& drop,
                  std::string& out) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      out += '{';
      for (simdjson::dom::key_value_pair field : simdjson::dom::object(e)) {
        if (drop.count(field.key) != 0) continue;
        out += '"';
        out += field.key;
        out += "\":";
        Write(field.value, drop, out);
        out += ',';
      }
      out += '}';
      return;
    }
    case simdjson::dom::element_type::ARRAY:
      out += '[';
      for (simdjson::dom::element item : simdjson::dom::array(e)) {
        Write(item, drop, out);
        out += ',';
      }
      out += ']';
      return;
    default:
      out += simdjson::minify(e);
  }
}

}  // namespace canonical_json_detail

// `json` minified, with every member named in `drop` left out, at any depth; "<invalid>" when
// `json` does not parse.
inline std::string CanonicalJson(std::string_view json,
                                 const std::set<std::string, std::less<>>& drop) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json.data(), json.size()).get(doc)) return "<invalid>";
  std::string out;
  canonical_json_detail::Write(doc, drop, out);
  return out;
}

// The string member `key` of the JSON object `json`; empty when `json` is no object or the member
// is missing or not a string.
inline std::string JsonStringField(std::string_view json, const char* key) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view value;
  if (parser.parse(json.data(), json.size()).get(doc) || doc[key].get_string().get(value)) {
    return {};
  }
  return std::string(value);
}

}  // namespace fareflow::testing_support

#endif  // FAREFLOW_TESTS_SUPPORT_CANONICAL_JSON_H_
