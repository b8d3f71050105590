#ifndef FAREFLOW_CORE_JSON_WRITER_H_
#define FAREFLOW_CORE_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace fareflow {

// A minimal streaming JSON writer over std::to_chars, writing into a std::string. It tracks only
// whether a comma is due; the caller is responsible for well-formed nesting (keys inside objects,
// balanced Begin/End).
//
// The writer keeps its own write position and grows the string in large steps, so each value
// costs a bounds check and a memcpy rather than std::string's per-append bookkeeping. Until the
// writer is destroyed or Finish() is called, `out` may hold unused bytes past the JSON: read it
// only after one of those.
//
// Strings are escaped per RFC 8259 (quotes, backslashes, control characters); bytes >= 0x80 are
// copied as they are, so UTF-8 passes through.
class JsonWriter {
 public:
  // Appends to whatever `out` already holds.
  explicit JsonWriter(std::string& out) : out_(out), pos_(out.size()) {}
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter() { Finish(); }

  // Trims `out` to the JSON written so far. Writing may continue afterwards.
  void Finish() { out_.resize(pos_); }

  // The size `out` will have after Finish(): what it held before and the JSON written since.
  std::size_t size() const { return pos_; }
  // Drops the JSON written after `size`, a size() taken right after a value (not after a Begin or
  // a Key); writing continues as if that value were the last one written.
  void Truncate(std::size_t size) {
    pos_ = size;
    need_comma_ = true;
  }

  void BeginObject() {
    Separate();
    Put('{');
    need_comma_ = false;
  }
  void EndObject() {
    Put('}');
    need_comma_ = true;
  }
  void BeginArray() {
    Separate();
    Put('[');
    need_comma_ = false;
  }
  void EndArray() {
    Put(']');
    need_comma_ = true;
  }

  // Writes `"key":`; the next value call writes its value. Keys are fareflow's own field names
  // and are written without escaping: they must not contain quotes, backslashes or control
  // characters.
  void Key(std::string_view key) {
    char* p = Room(key.size() + 4);
    if (need_comma_) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    pos_ = static_cast<std::size_t>(p - out_.data());
    need_comma_ = false;
  }

  void String(std::string_view s) {
    Separate();
    Put('"');
    AppendEscaped(s);
    Put('"');
    need_comma_ = true;
  }
  void Int(int64_t v) {
    Separate();
    char* p = Room(24);
    pos_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - out_.data());
    need_comma_ = true;
  }
  // Doubles are written in the shortest form that round-trips; NaN and infinities become null.
  void Double(double v) {
    Separate();
    if (v != v || v > 1.7e308 || v < -1.7e308) {
      Put("null");
    } else {
      char* p = Room(32);
      pos_ = static_cast<std::size_t>(std::to_chars(p, p + 32, v).ptr - out_.data());
    }
    need_comma_ = true;
  }
  void Bool(bool v) {
    Separate();
    Put(v ? std::string_view("true") : std::string_view("false"));
    need_comma_ = true;
  }
  void Null() {
    Separate();
    Put("null");
    need_comma_ = true;
  }
  // Writes already-serialized JSON as a value (e.g. a fragment prepared once).
  void Raw(std::string_view json) {
    Separate();
    Put(json);
    need_comma_ = true;
  }
  // Writes `chars` as a JSON string without escaping; for codes and formatted dates/amounts that
  // are known to need none.
  void PlainString(std::string_view chars) {
    char* p = Room(chars.size() + 3);
    if (need_comma_) *p++ = ',';
    *p++ = '"';
    if (!chars.empty()) std::memcpy(p, chars.data(), chars.size());
    p += chars.size();
    *p++ = '"';
    pos_ = static_cast<std::size_t>(p - out_.data());
    need_comma_ = true;
  }

 private:
  // A pointer to at least `n` writable bytes at the write position.
  char* Room(std::size_t n) {
    if (out_.size() - pos_ < n) Grow(n);
    return out_.data() + pos_;
  }
  void Grow(std::size_t n);
  void Put(char c) {
    *Room(1) = c;
    ++pos_;
  }
  void Put(std::string_view s) {
    if (s.empty()) return;  // an empty view may have a null data(), which memcpy must not get
    std::memcpy(Room(s.size()), s.data(), s.size());
    pos_ += s.size();
  }
  void Separate() {
    if (need_comma_) Put(',');
  }
  void AppendEscaped(std::string_view s);

  std::string& out_;
  std::size_t pos_;  // end of the JSON written so far; out_.size() >= pos_
  bool need_comma_ = false;
};

}  // namespace fareflow

#endif  // FAREFLOW_CORE_JSON_WRITER_H_
