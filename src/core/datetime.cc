#include "core/datetime.h"

#include <cstdint>

#if defined(__SSSE3__)
#include <tmmintrin.h>
#endif

#include "core/datetime_general.h"

namespace fareflow {
namespace {

// Reads exactly `n` digits at s[pos..]; -1 if any is not a digit.
int Digits(std::string_view s, std::size_t pos, int n) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return -1;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// DaysFromCivil by two table reads for the years suppliers send, 1900 to 2155: its divisions
// weighed as much as reading the digits of the two times of every segment.
struct CivilDayTables {
  static constexpr int kFirstYear = 1900;
  static constexpr int kYears = 256;
  Days year_start[kYears];     // January 1 of each year
  bool leap[kYears];           // each year is a leap year
  int16_t month_start[2][13];  // days before each month (1-12), in common and leap years
  constexpr CivilDayTables() : year_start(), leap(), month_start() {
    for (int y = 0; y < kYears; ++y) {
      year_start[y] = DaysFromCivil(kFirstYear + y, 1, 1);
      leap[y] = DaysFromCivil(kFirstYear + y + 1, 1, 1) - year_start[y] == 366;
    }
    for (int leap = 0; leap < 2; ++leap) {
      const int year = leap != 0 ? 2000 : 2001;
      for (int m = 1; m <= 12; ++m) {
        month_start[leap][m] =
            static_cast<int16_t>(DaysFromCivil(year, m, 1) - DaysFromCivil(year, 1, 1));
      }
    }
  }
};
constexpr CivilDayTables kCivilDays;

// DaysFromCivil(y, m, d) for 1 <= m <= 12 (the caller has checked it).
Days DaysFromCivilTable(int y, int m, int d) {
  const unsigned index = static_cast<unsigned>(y - CivilDayTables::kFirstYear);
  if (index >= CivilDayTables::kYears) return DaysFromCivil(y, m, d);
  return kCivilDays.year_start[index] + kCivilDays.month_start[kCivilDays.leap[index]][m] + d - 1;
}
static_assert(kCivilDays.month_start[1][3] == 60 && kCivilDays.month_start[0][3] == 59 &&
              kCivilDays.leap[2000 - CivilDayTables::kFirstYear] &&
              !kCivilDays.leap[1900 - CivilDayTables::kFirstYear]);

void Put2(int v, char* out) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::optional<Days> ParseDate(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = Digits(s, 0, 4), m = Digits(s, 5, 2), d = Digits(s, 8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  if (s.size() != 10) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

std::optional<Minutes> ParseLocalDateTimeGeneral(std::string_view s) {
  if (s.size() < 16 || s[10] != 'T' || s[13] != ':') return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  int hh = Digits(s, 11, 2), mm = Digits(s, 14, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
  std::size_t i = 16;
  if (i < s.size()) {
    if (s[i] != ':' || Digits(s, i + 1, 2) < 0 || Digits(s, i + 1, 2) > 60) return std::nullopt;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      std::size_t start = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == start) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
  }
  return Minutes{*date} * 1440 + hh * 60 + mm;
}

std::optional<int32_t> ParseIsoDurationGeneral(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  int64_t minutes = 0;
  bool in_time = false;
  bool any = false;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    int64_t v = 0;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      if (v > 1'000'000) return std::nullopt;
      ++i;
    }
    if (i == start || i == s.size()) return std::nullopt;
    char unit = s[i++];
    any = true;
    if (!in_time && unit == 'D') {
      minutes += v * 1440;
    } else if (!in_time && unit == 'W') {
      minutes += v * 7 * 1440;
    } else if (in_time && unit == 'H') {
      minutes += v * 60;
    } else if (in_time && unit == 'M') {
      minutes += v;
    } else if (in_time && unit == 'S') {
      minutes += v / 60;
    } else {
      return std::nullopt;  // years and months have no fixed length in minutes
    }
  }
  if (!any || minutes > 1'000'000) return std::nullopt;
  return static_cast<int32_t>(minutes);
}

void FormatDate(Days d, char* out) {
  CivilDate c = CivilFromDays(d);
  int y = c.year;
  out[0] = static_cast<char>('0' + (y / 1000) % 10);
  out[1] = static_cast<char>('0' + (y / 100) % 10);
  out[2] = static_cast<char>('0' + (y / 10) % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  Put2(c.month, out + 5);
  out[7] = '-';
  Put2(c.day, out + 8);
}

void FormatLocalDateTime(Minutes t, char* out) {
  FormatDate(DayOf(t), out);
  int mod = MinuteOfDay(t);
  out[10] = 'T';
  Put2(mod / 60, out + 11);
  out[13] = ':';
  Put2(mod % 60, out + 14);
  out[16] = ':';
  out[17] = '0';
  out[18] = '0';
}

int FormatIsoDuration(int32_t minutes, char* out) {
  if (minutes < 0) minutes = 0;
  char* p = out;
  *p++ = 'P';
  *p++ = 'T';
  auto put = [&p](int v, char unit) {
    char tmp[12];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) *p++ = tmp[--n];
    *p++ = unit;
  };
  if (minutes >= 60) put(minutes / 60, 'H');
  if (minutes % 60 != 0 || minutes < 60) put(minutes % 60, 'M');
  return static_cast<int>(p - out);
}

// The form nearly every supplier sends, "YYYY-MM-DDTHH:MM:SS", read without a branch per
// character (two of these per segment): the same checks and the same result as the general
// parser. Any other form, and any value these checks refuse, goes to the general parser, which
// has the last word.
std::optional<Minutes> ParseLocalDateTime(std::string_view s) {
  if (s.size() == 19) {
    const auto d = [&](std::size_t i) { return static_cast<unsigned>(s[i]) - unsigned{'0'}; };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    bool ok = false;
#if defined(__SSSE3__)
    // "YYYY-MM-DDTHH:MM" in one load: every digit and separator checked at once, then the digits
    // paired into the five numbers (the year in two halves) by one shuffle and one multiply-add.
    const __m128i text = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data()));
    const __m128i values = _mm_sub_epi8(text, _mm_set1_epi8('0'));
    const __m128i digits = _mm_cmpeq_epi8(_mm_min_epu8(values, _mm_set1_epi8(9)), values);
    const __m128i at_separator = _mm_setr_epi8(0, 0, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0);
    const __m128i separators =
        _mm_cmpeq_epi8(text, _mm_setr_epi8(0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0));
    const __m128i good = _mm_or_si128(_mm_andnot_si128(at_separator, digits),
                                      _mm_and_si128(at_separator, separators));
    if (_mm_movemask_epi8(good) == 0xFFFF && s[16] == ':' && (d(17) | d(18)) <= 9) {
      const __m128i pairs = _mm_shuffle_epi8(
          values, _mm_setr_epi8(0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, -1, -1, -1, -1));
      const __m128i two_digit = _mm_maddubs_epi16(
          pairs, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 0, 0, 0, 0));
      year = _mm_extract_epi16(two_digit, 0) * 100 + _mm_extract_epi16(two_digit, 1);
      month = _mm_extract_epi16(two_digit, 2);
      day = _mm_extract_epi16(two_digit, 3);
      hour = _mm_extract_epi16(two_digit, 4);
      minute = _mm_extract_epi16(two_digit, 5);
      ok = true;
    }
#else
    const unsigned digits = d(0) | d(1) | d(2) | d(3) | d(5) | d(6) | d(8) | d(9) | d(11) | d(12) |
                            d(14) | d(15) | d(17) | d(18);
    const bool separators =
        s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':';
    if (digits <= 9 && separators) {
      year = static_cast<int>(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3));
      month = static_cast<int>(d(5) * 10 + d(6));
      day = static_cast<int>(d(8) * 10 + d(9));
      hour = static_cast<int>(d(11) * 10 + d(12));
      minute = static_cast<int>(d(14) * 10 + d(15));
      ok = true;
    }
#endif
    const int second = static_cast<int>(d(17) * 10 + d(18));
    // Days 1 to 28 exist in every month; the rest of the calendar check is ParseDate's.
    if (ok && year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 &&
        minute <= 59 && second <= 60) {
      return Minutes{DaysFromCivilTable(year, month, day)} * 1440 + hour * 60 + minute;
    }
  }
  return ParseLocalDateTimeGeneral(s);
}

// The forms suppliers send most, "PT#H#M", "PT#H" and "PT#M" with one or two digits each, read
// without the general loop (three of these per segment); any other form goes to the general
// parser.
std::optional<int32_t> ParseIsoDuration(std::string_view s) {
  if (s.size() >= 4 && s.size() <= 8 && s[0] == 'P' && s[1] == 'T') {
    std::size_t i = 2;
    // Reads one or two digits followed by `unit`; -1 when the text does not continue so.
    const auto field = [&](char unit) -> int {
      const unsigned first = static_cast<unsigned>(s[i]) - unsigned{'0'};
      if (i + 1 >= s.size() || first > 9) return -1;
      if (s[i + 1] == unit) {
        i += 2;
        return static_cast<int>(first);
      }
      const unsigned second = static_cast<unsigned>(s[i + 1]) - unsigned{'0'};
      if (i + 2 >= s.size() || second > 9 || s[i + 2] != unit) return -1;
      i += 3;
      return static_cast<int>(first * 10 + second);
    };
    int32_t minutes = 0;
    bool ok = true;
    const std::size_t at_hours = i;
    const int hours = field('H');
    if (hours >= 0) {
      minutes = hours * 60;
    } else {
      i = at_hours;
    }
    if (i < s.size()) {
      const int rest = field('M');
      ok = rest >= 0;
      minutes += rest;
    }
    if (ok && i == s.size() && i > 2) return minutes;
  }
  return ParseIsoDurationGeneral(s);
}

}  // namespace fareflow
