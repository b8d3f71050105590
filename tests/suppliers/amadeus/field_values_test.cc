#include "suppliers/amadeus/field_values.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/datetime.h"

namespace fareflow::amadeus::internal {
namespace {

// The readers' fast paths must answer exactly as the general parsers of core/datetime.h do, for
// the forms they take and for everything they hand on.

TEST(AmadeusFieldValuesTest, LocalDateTimesReadAsTheGeneralParserReadsThem) {
  std::vector<std::string> texts = {
      "2026-12-20T12:10:00",
      "2026-02-28T23:59:59",
      "2026-02-29T10:00:00",
      "2024-02-29T10:00:00",
      "2026-04-31T10:00:00",
      "2026-12-31T24:00:00",
      "2026-12-31T23:60:00",
      "2026-12-31T23:59:60",
      "2026-12-31T23:59:61",
      "1899-12-31T10:00:00",
      "1900-01-01T00:00:00",
      "2026-00-10T10:00:00",
      "2026-13-10T10:00:00",
      "2026-12-00T10:00:00",
      "2026-12-32T10:00:00",
      "2026-12-20 12:10:00",
      "2026-12-20T12-10:00",
      "2026/12/20T12:10:00",
      "2026-12-20T12:10",
      "2026-12-20T12:10:00.5",
      "2026-12-20T12:10:00Z",
      "2026-1a-20T12:10:00",
      "20x6-12-20T12:10:00",
      "2026-12-20T1:10:000",
      "",
      "2026-12-20T12:10:0",
      "2026-12-2aT12:10:00",
  };
  // Every day of two years, at a time that exercises every digit position.
  for (Days day = DaysFromCivil(2023, 12, 25); day < DaysFromCivil(2026, 1, 5); ++day) {
    char text[20];
    FormatLocalDateTime(Minutes{day} * 1440 + 13 * 60 + 47, text);
    texts.emplace_back(text, 19);
  }
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ReadLocalDateTime(text), ParseLocalDateTime(text));
  }
  EXPECT_EQ(ReadLocalDateTime("2026-12-20T12:10:00"),
            Minutes{DaysFromCivil(2026, 12, 20)} * 1440 + 12 * 60 + 10);
}

TEST(AmadeusFieldValuesTest, DurationsReadAsTheGeneralParserReadsThem) {
  std::vector<std::string> texts = {
      "PT",     "PT1",     "PTH",     "PTM",      "PT1H",   "PT1M",       "PT12H",
      "PT12M",  "PT1H5",   "PT1H5M",  "PT02H26M", "PT123H", "PT1H123M",   "PT1H1H",
      "PT1M1H", "PT1S",    "PT1H30S", "P1DT2H",   "P1D",    "PT1H30M15S", "pt1h",
      "PT-1H",  "PT+1H",   "PT1h",    "PTxH",     "PT1Hx",  "PT99H99M",   "XT1H",
      "PT 1H",  "PT1H 5M", "",        "P",        "PT0H0M", "PT0M",       "PT00H",
  };
  for (int hours = 0; hours < 100; hours += 7) {
    for (int minutes = 0; minutes < 100; minutes += 3) {
      texts.push_back("PT" + std::to_string(hours) + "H" + std::to_string(minutes) + "M");
    }
  }
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ReadIsoDuration(text), ParseIsoDuration(text));
  }
  EXPECT_EQ(ReadIsoDuration("PT2H10M"), 130);
  EXPECT_EQ(ReadIsoDuration("PT45M"), 45);
}

}  // namespace
}  // namespace fareflow::amadeus::internal
