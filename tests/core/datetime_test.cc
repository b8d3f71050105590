#include "core/datetime.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/datetime_general.h"

namespace fareflow {
namespace {

TEST(DateTest, RoundTripsThroughCivilDates) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (Days d = -1000; d < 40000; d += 37) {
    CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
  }
}

TEST(DateTest, ParsesRealCalendarDatesOnly) {
  EXPECT_EQ(ParseDate("2026-12-20"), DaysFromCivil(2026, 12, 20));
  EXPECT_EQ(ParseDate("2028-02-29"), DaysFromCivil(2028, 2, 29));
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "20261220",
                          "2026-12-20T10:00", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(ParseDate(bad).has_value()) << bad;
  }
}

TEST(LocalDateTimeTest, ParsesSupplierForms) {
  const Minutes base = Minutes{DaysFromCivil(2026, 12, 20)} * 1440;
  EXPECT_EQ(ParseLocalDateTime("2026-12-20T10:40:00"), base + 640);
  EXPECT_EQ(ParseLocalDateTime("2026-12-20T10:40"), base + 640);
  EXPECT_EQ(ParseLocalDateTime("2026-12-20T10:40:59.123"), base + 640);
  for (const char* bad : {"2026-12-20 10:40:00", "2026-12-20T24:00:00", "2026-12-20T10:60",
                          "2026-12-20T10:40:00Z", "2026-12-20T10:40:00+01:00", "2026-12-20"}) {
    EXPECT_FALSE(ParseLocalDateTime(bad).has_value()) << bad;
  }
}

TEST(LocalDateTimeTest, FormatsBack) {
  char buf[19];
  FormatLocalDateTime(*ParseLocalDateTime("2026-03-29T01:05:00"), buf);
  EXPECT_EQ(std::string(buf, 19), "2026-03-29T01:05:00");
  FormatLocalDateTime(*ParseLocalDateTime("1969-12-31T23:59:00"), buf);
  EXPECT_EQ(std::string(buf, 19), "1969-12-31T23:59:00");
}

TEST(IsoDurationTest, ParsesBothSuppliersForms) {
  EXPECT_EQ(ParseIsoDuration("PT2H10M"), 130);
  EXPECT_EQ(ParseIsoDuration("PT02H26M"), 146);
  EXPECT_EQ(ParseIsoDuration("PT45M"), 45);
  EXPECT_EQ(ParseIsoDuration("PT7H"), 420);
  EXPECT_EQ(ParseIsoDuration("P1DT2H"), 1560);
  EXPECT_EQ(ParseIsoDuration("PT1H30M59S"), 90);
  for (const char* bad : {"", "P", "PT", "2H10M", "PT2X", "P1M", "PT-5M", "PTH"}) {
    EXPECT_FALSE(ParseIsoDuration(bad).has_value()) << bad;
  }
}

TEST(IsoDurationTest, FormatsMinutes) {
  char buf[16];
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(FormatIsoDuration(130, buf))), "PT2H10M");
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(FormatIsoDuration(420, buf))), "PT7H");
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(FormatIsoDuration(45, buf))), "PT45M");
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(FormatIsoDuration(0, buf))), "PT0M");
}

TEST(DayOfTest, FloorsNegativeMinutes) {
  EXPECT_EQ(DayOf(0), 0);
  EXPECT_EQ(DayOf(-1), -1);
  EXPECT_EQ(MinuteOfDay(-1), 1439);
  EXPECT_EQ(DayOf(1440), 1);
}

// The fast forms of ParseLocalDateTime and ParseIsoDuration must answer exactly as the general
// parsers (core/datetime_general.h) do, for the forms they take and for everything they hand on.

TEST(DateTimeFastFormsTest, LocalDateTimesReadAsTheGeneralParserReadsThem) {
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
  // 1 January, 28 February, the last day of February, 1 March and 28 December of every year
  // 1900 to 2200: the fast form's table of years (1900-2155) and the years after it.
  for (int year = 1900; year <= 2200; ++year) {
    for (const Days day :
         {DaysFromCivil(year, 1, 1), DaysFromCivil(year, 2, 28), DaysFromCivil(year, 3, 1) - 1,
          DaysFromCivil(year, 3, 1), DaysFromCivil(year, 12, 28)}) {
      char text[20];
      FormatLocalDateTime(Minutes{day} * 1440 + 23 * 60 + 59, text);
      texts.emplace_back(text, 19);
    }
  }
  // Each character in turn replaced by the bytes on either side of the digits, a separator, a
  // digit, and a byte with the high bit set: every position's check refuses what it must.
  const std::string good = "2026-12-20T12:10:00";
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (const char c : {'/', ':', '-', 'T', '7', static_cast<char>(0xB0), ' '}) {
      std::string text = good;
      text[at] = c;
      texts.push_back(text);
    }
  }
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    EXPECT_EQ(ParseLocalDateTime(text), ParseLocalDateTimeGeneral(text));
  }
  EXPECT_EQ(ParseLocalDateTime("2026-12-20T12:10:00"),
            Minutes{DaysFromCivil(2026, 12, 20)} * 1440 + 12 * 60 + 10);
}

TEST(DateTimeFastFormsTest, DurationsReadAsTheGeneralParserReadsThem) {
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
    EXPECT_EQ(ParseIsoDuration(text), ParseIsoDurationGeneral(text));
  }
  EXPECT_EQ(ParseIsoDuration("PT2H10M"), 130);
  EXPECT_EQ(ParseIsoDuration("PT45M"), 45);
}

}  // namespace
}  // namespace fareflow
