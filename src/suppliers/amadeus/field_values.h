#ifndef FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_
#define FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/datetime.h"
#include "model/cabin.h"
#include "model/name_tables.h"
#include "model/offer.h"

namespace fareflow::amadeus::internal {

// Interpreters of single Amadeus field values, shared by the offer reader's files.

inline int16_t ClampInt16(int64_t v) {
  return static_cast<int16_t>(std::clamp<int64_t>(v, 0, INT16_MAX));
}

// Pounds to whole kilograms, rounded to nearest (50 LB -> 23 kg); exact integer arithmetic.
inline int64_t PoundsToKg(int64_t lb) { return (lb * 45'359'237 + 50'000'000) / 100'000'000; }

// Weight unit as Amadeus writes it ("KG", "LB"; tolerating "KGS", "LBS", lower case). nullopt
// for anything else.
inline std::optional<bool> IsPounds(std::string_view unit) {
  if (unit.empty()) return false;  // the unit defaults to kilograms
  const char c = unit[0];
  if (c == 'K' || c == 'k') return false;
  if (c == 'L' || c == 'l') return true;
  return std::nullopt;
}

// ParseLocalDateTime for the form Amadeus sends, "YYYY-MM-DDTHH:MM:SS": the same checks and the
// same result, without a branch per character (two of these per segment). Any other form, and
// any value the checks refuse, goes through ParseLocalDateTime, which has the last word.
inline std::optional<Minutes> ReadLocalDateTime(std::string_view s) {
  if (s.size() == 19) {
    const auto d = [&](std::size_t i) { return static_cast<unsigned>(s[i]) - unsigned{'0'}; };
    const unsigned digits = d(0) | d(1) | d(2) | d(3) | d(5) | d(6) | d(8) | d(9) | d(11) | d(12) |
                            d(14) | d(15) | d(17) | d(18);
    const bool separators =
        s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':';
    if (digits <= 9 && separators) {
      const int year = static_cast<int>(d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3));
      const int month = static_cast<int>(d(5) * 10 + d(6));
      const int day = static_cast<int>(d(8) * 10 + d(9));
      const int hour = static_cast<int>(d(11) * 10 + d(12));
      const int minute = static_cast<int>(d(14) * 10 + d(15));
      const int second = static_cast<int>(d(17) * 10 + d(18));
      // Days 1 to 28 exist in every month; the rest of the calendar check is ParseDate's.
      if (year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 &&
          minute <= 59 && second <= 60) {
        return Minutes{DaysFromCivil(year, month, day)} * 1440 + hour * 60 + minute;
      }
    }
  }
  return ParseLocalDateTime(s);
}

// ParseIsoDuration for the forms Amadeus sends, "PT#H#M", "PT#H" and "PT#M" with one or two
// digits each: the same result without the general loop (three of these per segment). Any other
// form goes through ParseIsoDuration.
inline std::optional<int32_t> ReadIsoDuration(std::string_view s) {
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
  return ParseIsoDuration(s);
}

// A flight number as Amadeus writes it: 1 to 5 letters or digits (no carrier code).
inline bool IsFlightNumber(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;
  }
  return true;
}

// Amadeus's TravelClass spellings first, exactly as written (no per-character case folding on
// the hot path), then any spelling ParseCabin accepts; kUnknown for anything else.
inline Cabin ToCabin(std::string_view s) {
  if (const std::optional<Cabin> cabin = kAmadeusTravelClasses.Find(s)) return *cabin;
  return ParseCabin(s).value_or(Cabin::kUnknown);
}

// Amadeus TravelerType to the passenger type of its fare; `adult_like` is set for the adult fares
// (ADULT, SENIOR, YOUNG, STUDENT). A SEATED_INFANT takes a seat (the table, which reads requests,
// counts it as a child) but its fare is an infant's. nullopt for an unknown type.
inline std::optional<PassengerType> ParseTravelerType(std::string_view s, bool& adult_like) {
  const std::optional<PassengerType> type = kAmadeusTravelerTypes.Find(s);
  adult_like = type == PassengerType::kAdult;
  if (type == PassengerType::kChild && s == "SEATED_INFANT") return PassengerType::kInfant;
  return type;
}

}  // namespace fareflow::amadeus::internal

#endif  // FAREFLOW_SUPPLIERS_AMADEUS_FIELD_VALUES_H_
