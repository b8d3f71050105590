#include "api/media_range.h"

#include <optional>

namespace fareflow {
namespace {

bool IsTchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// A cursor over one header value; every read stops at its end.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  bool At(char c) const { return !done() && text_[pos_] == c; }
  void SkipSpace() {
    while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  bool Take(char c) {
    if (!At(c)) return false;
    ++pos_;
    return true;
  }
  // A token folded to lower case; nullopt when none starts here.
  std::optional<std::string> Token() {
    const std::size_t from = pos_;
    while (!done() && IsTchar(text_[pos_])) ++pos_;
    if (pos_ == from) return std::nullopt;
    std::string out(text_.substr(from, pos_ - from));
    for (char& c : out) c = Lower(c);
    return out;
  }
  // A token as written, or a quoted string unquoted; nullopt when neither is well formed.
  std::optional<std::string> Value() {
    if (!Take('"')) {
      const std::size_t from = pos_;
      while (!done() && IsTchar(text_[pos_])) ++pos_;
      if (pos_ == from) return std::nullopt;
      return std::string(text_.substr(from, pos_ - from));
    }
    std::string out;
    while (!done()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
      if (c == '"') return out;
      if (c == '\\') {
        if (done()) return std::nullopt;
        const unsigned char escaped = static_cast<unsigned char>(text_[pos_++]);
        if (escaped < 0x20 && escaped != '\t') return std::nullopt;
        if (escaped == 0x7f) return std::nullopt;
        out.push_back(static_cast<char>(escaped));
        continue;
      }
      if ((c < 0x20 && c != '\t') || c == 0x7f) return std::nullopt;
      out.push_back(static_cast<char>(c));
    }
    return std::nullopt;  // unterminated
  }
  // Moves past the next comma outside a quoted string (or to the end).
  void SkipElement() {
    bool quoted = false;
    while (!done()) {
      const char c = text_[pos_++];
      if (quoted && c == '\\') {
        if (!done()) ++pos_;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        return;
      }
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
std::optional<double> Weight(std::string_view v) {
  if (v.empty() || v.size() > 5 || (v[0] != '0' && v[0] != '1')) return std::nullopt;
  if (v.size() == 1) return v[0] == '1' ? 1.0 : 0.0;
  if (v[1] != '.') return std::nullopt;
  int thousandths = 0;
  int scale = 100;
  for (std::size_t i = 2; i < v.size(); ++i, scale /= 10) {
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
    thousandths += (v[i] - '0') * scale;
  }
  if (v[0] == '1') return thousandths == 0 ? std::optional<double>(1.0) : std::nullopt;
  return thousandths / 1000.0;
}

// One media range and its parameters, up to (not past) the comma that ends it.
std::optional<MediaRange> ReadRange(Reader& r) {
  MediaRange range;
  std::optional<std::string> type = r.Token();
  if (!type || !r.Take('/')) return std::nullopt;
  std::optional<std::string> subtype = r.Token();
  if (!subtype || (*type == "*" && *subtype != "*")) return std::nullopt;
  range.type = std::move(*type);
  range.subtype = std::move(*subtype);
  bool weighted = false;  // parameters after the weight are accept-ext, dropped
  while (true) {
    r.SkipSpace();
    if (r.done() || r.At(',')) return range;
    if (!r.Take(';')) return std::nullopt;
    r.SkipSpace();
    if (r.done() || r.At(',') || r.At(';')) continue;  // an empty parameter
    std::optional<std::string> name = r.Token();
    if (!name || !r.Take('=')) return std::nullopt;
    std::optional<std::string> value = r.Value();
    if (!value) return std::nullopt;
    if (weighted) continue;
    if (*name == "q") {
      std::optional<double> weight = Weight(*value);
      if (!weight) return std::nullopt;
      range.weight = *weight;
      weighted = true;
      continue;
    }
    range.parameters.emplace_back(std::move(*name), std::move(*value));
  }
}

}  // namespace

const std::string* MediaRange::Parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::vector<MediaRange> ParseAccept(std::string_view accept) {
  std::vector<MediaRange> out;
  Reader r(accept);
  while (true) {
    r.SkipSpace();
    while (r.Take(',')) r.SkipSpace();  // empty list elements
    if (r.done()) return out;
    std::optional<MediaRange> range = ReadRange(r);
    if (range) {
      out.push_back(std::move(*range));
      r.Take(',');
    } else {
      r.SkipElement();
    }
  }
}

}  // namespace fareflow
