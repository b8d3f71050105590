#ifndef FAREFLOW_CORE_JSON_WRITER_H_
#define FAREFLOW_CORE_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fareflow {

// A minimal streaming JSON writer over std::to_chars, appending to a std::string. It tracks only
// whether a comma is due; the caller is responsible for well-formed nesting (keys inside objects,
// balanced Begin/End). No allocation besides the string's growth, so reserve() up front.
//
// Strings are escaped per RFC 8259 (quotes, backslashes, control characters); bytes >= 0x80 are
// copied as they are, so UTF-8 passes through.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void BeginObject() {
    Separate();
    out_.push_back('{');
    need_comma_ = false;
  }
  void EndObject() {
    out_.push_back('}');
    need_comma_ = true;
  }
  void BeginArray() {
    Separate();
    out_.push_back('[');
    need_comma_ = false;
  }
  void EndArray() {
    out_.push_back(']');
    need_comma_ = true;
  }

  // Writes `"key":`; the next value call writes its value.
  void Key(std::string_view key) {
    Separate();
    out_.push_back('"');
    AppendEscaped(key);
    out_.append("\":", 2);
    need_comma_ = false;
  }

  void String(std::string_view s) {
    Separate();
    out_.push_back('"');
    AppendEscaped(s);
    out_.push_back('"');
    need_comma_ = true;
  }
  void Int(int64_t v) {
    Separate();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
    need_comma_ = true;
  }
  // Doubles are written in the shortest form that round-trips; NaN and infinities become null.
  void Double(double v) {
    Separate();
    if (v != v || v > 1.7e308 || v < -1.7e308) {
      out_.append("null");
    } else {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v);
      out_.append(buf, r.ptr);
    }
    need_comma_ = true;
  }
  void Bool(bool v) {
    Separate();
    out_.append(v ? "true" : "false");
    need_comma_ = true;
  }
  void Null() {
    Separate();
    out_.append("null");
    need_comma_ = true;
  }
  // Writes already-serialized JSON as a value (e.g. a number kept as its decimal text).
  void Raw(std::string_view json) {
    Separate();
    out_.append(json);
    need_comma_ = true;
  }
  // Writes `chars` as a JSON string without escaping; for codes and formatted dates/amounts that
  // are known to need none.
  void PlainString(std::string_view chars) {
    Separate();
    out_.push_back('"');
    out_.append(chars);
    out_.push_back('"');
    need_comma_ = true;
  }

  std::string& out() { return out_; }

 private:
  void Separate() {
    if (need_comma_) out_.push_back(',');
  }
  void AppendEscaped(std::string_view s);

  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_JSON_WRITER_H_
