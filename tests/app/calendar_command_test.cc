// The `fareflow calendar` command as a user runs it: the real binary, the built-in supplier.

#include <gtest/gtest.h>

#include <string>

#include <simdjson.h>

#include "support/dates.h"
#include "support/run_command.h"

namespace fareflow {
namespace {

using testing_support::CommandOutput;
using testing_support::DaysFromNow;

CommandOutput Calendar(const std::string& args, bool with_stderr = false) {
  return testing_support::RunCommand(std::string(FAREFLOW_BINARY) + " calendar " + args +
                                     (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

std::string Week() {
  return " --from MAD --to LON --depart " + DaysFromNow(30) + ".." + DaysFromNow(36);
}

TEST(CalendarCommandTest, PrintsTheAnswerOfTheHttpRouteAsJson) {
  const CommandOutput out = Calendar(Week() + " --nights 3-5 --adults 2");
  ASSERT_EQ(out.status, 0) << out.text;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(out.text).get(doc)) << out.text;
  simdjson::dom::array cells;
  ASSERT_FALSE(doc["cells"].get_array().get(cells));
  EXPECT_EQ(cells.size(), 21u);
  std::string_view mode, first;
  ASSERT_FALSE(doc["mode"].get_string().get(mode));
  EXPECT_EQ(mode, "fill");
  ASSERT_FALSE(cells.at(0)["departure_date"].get_string().get(first));
  EXPECT_EQ(first, DaysFromNow(30));
  int64_t filled = 0;
  ASSERT_FALSE(doc["summary"]["coverage"]["filled"].get_int64().get(filled));
  EXPECT_EQ(filled, 21);
  int64_t adults = 0;
  ASSERT_FALSE(cells.at(0)["search"]["passengers"]["adults"].get_int64().get(adults));
  EXPECT_EQ(adults, 2);
}

TEST(CalendarCommandTest, TablePutsDatesDownAndTripLengthsAcrossWithTheCheapestMarked) {
  const CommandOutput out = Calendar(Week() + " --nights 3-9 --format table");
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_NE(out.text.find("49 cells, 49 filled"), std::string::npos) << out.text;
  const std::size_t header = out.text.find("depart ");
  ASSERT_NE(header, std::string::npos) << out.text;
  const std::string header_line = out.text.substr(header, out.text.find('\n', header) - header);
  EXPECT_NE(header_line.find("3n"), std::string::npos) << header_line;
  EXPECT_NE(header_line.find("9n"), std::string::npos) << header_line;
  for (int day = 30; day <= 36; ++day) {
    EXPECT_NE(out.text.find("\n" + DaysFromNow(day) + " "), std::string::npos) << out.text;
  }
  // One cheapest cell.
  EXPECT_EQ(out.text.find('*'), out.text.rfind('*', out.text.find("bands:") - 1)) << out.text;
  EXPECT_NE(out.text.find('*'), std::string::npos);
}

TEST(CalendarCommandTest, EmptyCellsAreDashes) {
  const CommandOutput out = Calendar(Week() + " --max-price 1.00 --format table");
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_NE(out.text.find("7 cells, 0 filled"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find(DaysFromNow(31) + "      -"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find('*'), std::string::npos) << out.text;
}

TEST(CalendarCommandTest, ReturnRangeColumnsAreReturnDates) {
  const CommandOutput out = Calendar(" --from MAD --to LON --depart " + DaysFromNow(30) + ".." +
                                     DaysFromNow(32) + " --return-from " + DaysFromNow(31) +
                                     " --return-to " + DaysFromNow(33) + " --format table");
  ASSERT_EQ(out.status, 0) << out.text;
  // 30: 31..33, 31: 31..33, 32: 32..33.
  EXPECT_NE(out.text.find("8 cells, 8 filled"), std::string::npos) << out.text;
  const std::size_t header = out.text.find("depart ");
  const std::string header_line = out.text.substr(header, out.text.find('\n', header) - header);
  EXPECT_NE(header_line.find(DaysFromNow(33)), std::string::npos) << header_line;
}

TEST(CalendarCommandTest, BadFlagsExitTwoNamingTheFlag) {
  CommandOutput out = Calendar(Week() + " --nights 9-3", true);
  EXPECT_EQ(out.status, 2);
  EXPECT_NE(out.text.find("--nights"), std::string::npos) << out.text;
  out = Calendar(" --from MAD --to ZZZ --depart " + DaysFromNow(30), true);
  EXPECT_EQ(out.status, 2);
  EXPECT_NE(out.text.find("--to: unknown airport or city code ZZZ"), std::string::npos) << out.text;
  out = Calendar(Week() + " --mode live", true);
  EXPECT_EQ(out.status, 2);
  EXPECT_NE(out.text.find("--mode: must be cached or fill"), std::string::npos) << out.text;
  out = Calendar(" --from MAD --to LON --depart " + DaysFromNow(1) + ".." + DaysFromNow(90), true);
  EXPECT_EQ(out.status, 2);
  EXPECT_NE(out.text.find("--depart: spans at most 62 days"), std::string::npos) << out.text;
}

TEST(CalendarCommandTest, ConfigurationFileIsRead) {
  const CommandOutput out = Calendar(Week() + " --config /nonexistent/fareflow.json", true);
  EXPECT_EQ(out.status, 2);
  EXPECT_NE(out.text.find("/nonexistent/fareflow.json"), std::string::npos) << out.text;
  const CommandOutput ok = Calendar(Week() + " --config " + std::string(FAREFLOW_SOURCE_DIR) +
                                    "/config/default.json --format table");
  EXPECT_EQ(ok.status, 0) << ok.text;
  EXPECT_NE(ok.text.find("7 cells, 7 filled"), std::string::npos) << ok.text;
}

}  // namespace
}  // namespace fareflow
