#ifndef FAREFLOW_CORE_TEXT_H_
#define FAREFLOW_CORE_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace fareflow {

// Spaces and horizontal tabs: HTTP's optional whitespace around header values and list elements,
// and the blanks between the fields of fareflow's text files.
inline constexpr std::string_view kBlanks = " \t";

// `s` without the characters of `blanks` at either end. The result views `s`.
constexpr std::string_view Trim(std::string_view s, std::string_view blanks = kBlanks) {
  const std::size_t first = s.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

// `text` with ASCII 'A'..'Z' lowered (URL schemes and host names); other bytes as they are.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Where `needle` first occurs in `text` at or after `from`, as text.find(needle, from) answers,
// npos when nowhere. std::string_view::find looks for the needle's first byte and compares from
// each one it meets, which is slow when that byte is frequent (an offer's opening `{` in a JSON
// payload); this tests the needle's first and last bytes at 16 positions at a time and compares
// only where both match. Reads nothing outside `text`.
std::size_t FindText(std::string_view text, std::string_view needle, std::size_t from = 0);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_TEXT_H_
