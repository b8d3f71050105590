#ifndef FAREFLOW_CORE_DATETIME_H_
#define FAREFLOW_CORE_DATETIME_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace fareflow {

// A calendar date as days since 1970-01-01 (proleptic Gregorian). Plain integers keep offers
// trivially copyable and comparisons cheap.
using Days = int32_t;

// Minutes since 1970-01-01T00:00. Whether the clock is a local wall clock or UTC is part of the
// variable's name (departure_local, departure_utc): the type cannot tell them apart.
using Minutes = int64_t;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
constexpr Days DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(d) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

constexpr CivilDate CivilFromDays(Days z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

// Floor division of minutes into days, correct for negative values.
constexpr Days DayOf(Minutes t) {
  return static_cast<Days>(t >= 0 ? t / 1440 : -((-t + 1439) / 1440));
}
constexpr int MinuteOfDay(Minutes t) { return static_cast<int>(t - Minutes{DayOf(t)} * 1440); }

// Parses "YYYY-MM-DD" with a real calendar check (no 2026-02-30).
std::optional<Days> ParseDate(std::string_view s);

// Parses "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS" and "YYYY-MM-DDTHH:MM:SS.fff" (seconds are
// truncated) as a wall-clock time without zone. A trailing "Z" or offset is rejected: suppliers
// send local times and fareflow converts them with the airport's zone.
std::optional<Minutes> ParseLocalDateTime(std::string_view s);

// Parses ISO 8601 durations as suppliers write them: "PT2H10M", "PT02H26M", "P1DT2H", "PT45M",
// "PT1H30M15S" (seconds are truncated). Returns minutes.
std::optional<int32_t> ParseIsoDuration(std::string_view s);

// Writes "YYYY-MM-DD" into out (10 chars).
void FormatDate(Days d, char* out);
// Writes "YYYY-MM-DDTHH:MM:SS" into out (19 chars).
void FormatLocalDateTime(Minutes t, char* out);
// Writes "PT#H#M" into out (at most 16 chars); returns the length.
int FormatIsoDuration(int32_t minutes, char* out);

}  // namespace fareflow

#endif  // FAREFLOW_CORE_DATETIME_H_
