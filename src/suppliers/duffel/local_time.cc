#include "suppliers/duffel/local_time.h"

namespace fareflow::duffel {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True for "HH", "HHMM" and "HH:MM": the part of a UTC offset after its sign.
bool IsOffsetBody(std::string_view s) {
  if (s.size() == 2) return IsDigit(s[0]) && IsDigit(s[1]);
  if (s.size() == 4) return IsDigit(s[0]) && IsDigit(s[1]) && IsDigit(s[2]) && IsDigit(s[3]);
  if (s.size() == 5) {
    return IsDigit(s[0]) && IsDigit(s[1]) && s[2] == ':' && IsDigit(s[3]) && IsDigit(s[4]);
  }
  return false;
}

}  // namespace

std::optional<Minutes> ParseLocalTime(std::string_view text) {
  // The zone designator can only follow the minutes: "YYYY-MM-DDTHH:MM" is 16 characters, and
  // the date's own '-' separators come before that.
  constexpr std::size_t kMinutesEnd = 16;
  if (text.size() > kMinutesEnd) {
    if (text.back() == 'Z' || text.back() == 'z') {
      text.remove_suffix(1);
    } else {
      for (std::size_t i = kMinutesEnd; i < text.size(); ++i) {
        if (text[i] == '+' || text[i] == '-') {
          if (!IsOffsetBody(text.substr(i + 1))) return std::nullopt;
          text = text.substr(0, i);
          break;
        }
      }
    }
  }
  return ParseLocalDateTime(text);
}

}  // namespace fareflow::duffel
