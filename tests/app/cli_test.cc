// The `fareflow search` command as a user runs it: the real binary, real files, exit codes.

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <simdjson.h>

#include "support/dates.h"
#include "support/run_command.h"

namespace fareflow {
namespace {

namespace fs = std::filesystem;

using Output = testing_support::CommandOutput;

Output RunFareflow(const std::string& args) {
  return testing_support::RunCommand(std::string(FAREFLOW_BINARY) + " " + args + " 2>&1");
}

// Generates one Amadeus and one Duffel payload for LHR-JFK once for the whole suite.
class SearchCommandTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("fareflow_cli_test_" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    const std::string common =
        " --from LHR --to JFK --depart 2026-12-20 --return 2026-12-27 --adults 2 --offers 60";
    ASSERT_EQ(std::system((std::string(FAREFLOW_PAYLOADGEN) + " --format amadeus --seed 3" +
                           common + " --out " + (*dir_ / "a.json").string() + " 2>/dev/null")
                              .c_str()),
              0);
    ASSERT_EQ(std::system((std::string(FAREFLOW_PAYLOADGEN) + " --format duffel --seed 4" + common +
                           " --out " + (*dir_ / "d.json").string() + " 2>/dev/null")
                              .c_str()),
              0);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string Payloads() {
    return " --payload amadeus:" + (*dir_ / "a.json").string() +
           " --payload duffel:" + (*dir_ / "d.json").string();
  }
  static std::string Route() {
    return " --from LHR --to JFK --depart 2026-12-20 --return 2026-12-27 --adults 2";
  }
  static fs::path* dir_;
};

fs::path* SearchCommandTest::dir_ = nullptr;

simdjson::dom::element ParseJson(simdjson::dom::parser& parser, const std::string& text) {
  simdjson::dom::element doc;
  EXPECT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text.substr(0, 400);
  return doc;
}

TEST_F(SearchCommandTest, PrintsARankedAnswer) {
  Output out = RunFareflow("search" + Route() + Payloads() + " --limit 7");
  ASSERT_EQ(out.status, 0) << out.text;
  simdjson::dom::parser parser;
  auto doc = ParseJson(parser, out.text);
  EXPECT_EQ(int64_t(doc["counts"]["received"]), 120);
  EXPECT_EQ(int64_t(doc["counts"]["returned"]), 7);
  EXPECT_EQ(doc["offers"].get_array().size(), 7u);
  EXPECT_FALSE(bool(doc["partial"]));
  // The first offer under sort=best carries the best tag, and scores never decrease.
  double previous = -1;
  for (auto offer : doc["offers"].get_array()) {
    double score = double(offer["score"]);
    EXPECT_GE(score, previous);
    previous = score;
  }
  std::string_view first_tag = doc["offers"].at(0)["tags"].at(0).get_string();
  EXPECT_EQ(first_tag, "best");
}

TEST_F(SearchCommandTest, WalksEveryPageWithTheCursor) {
  Output all =
      RunFareflow("search --no-timings" + Route() + Payloads() + " --limit 0 --sort cheapest");
  ASSERT_EQ(all.status, 0) << all.text;
  simdjson::dom::parser parser;
  std::vector<std::string> expected;
  for (auto offer : ParseJson(parser, all.text)["offers"].get_array()) {
    expected.emplace_back(std::string_view(offer["id"]));
  }
  ASSERT_GT(expected.size(), 20u);
  std::vector<std::string> paged;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    Output page =
        RunFareflow("search --no-timings" + Route() + Payloads() + " --limit 9 --sort cheapest" +
                    (cursor.empty() ? "" : " --cursor " + cursor));
    ASSERT_EQ(page.status, 0) << page.text;
    simdjson::dom::parser p;
    auto doc = ParseJson(p, page.text);
    for (auto offer : doc["offers"].get_array()) paged.emplace_back(std::string_view(offer["id"]));
    if (doc["page"]["next_cursor"].is_null()) break;
    cursor = std::string(std::string_view(doc["page"]["next_cursor"]));
  }
  EXPECT_EQ(paged, expected);
}

TEST_F(SearchCommandTest, FiltersNarrowTheAnswer) {
  Output all = RunFareflow("search" + Route() + Payloads());
  Output direct = RunFareflow("search" + Route() + Payloads() + " --max-stops 0 --checked-bag");
  ASSERT_EQ(direct.status, 0) << direct.text;
  simdjson::dom::parser p1, p2;
  int64_t all_matching = ParseJson(p1, all.text)["counts"]["matching"];
  auto doc = ParseJson(p2, direct.text);
  EXPECT_LT(int64_t(doc["counts"]["matching"]), all_matching);
  for (auto offer : doc["offers"].get_array()) {
    EXPECT_EQ(int64_t(offer["stops"]), 0);
    EXPECT_TRUE(bool(offer["bags"]["checked_included"]));
  }
}

TEST_F(SearchCommandTest, TableFormatIsReadable) {
  Output out = RunFareflow("search" + Route() + Payloads() + " --format table --limit 3");
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_NE(out.text.find("  1. "), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("LHR"), std::string::npos);
  EXPECT_NE(out.text.find("amadeus-1"), std::string::npos);
  EXPECT_NE(out.text.find("next page: --cursor "), std::string::npos);
}

TEST_F(SearchCommandTest, UnreadableOrBrokenPayloadsMakeAPartialAnswer) {
  const fs::path broken = *dir_ / "broken.json";
  FILE* f = std::fopen(broken.c_str(), "w");
  std::fputs("{\"data\":[{\"id\":\"1\",\"itineraries\":[", f);
  std::fclose(f);
  Output out =
      RunFareflow("search" + Route() + Payloads() + " --payload amadeus:" + broken.string() +
                  " --payload duffel:/nonexistent/file.json");
  ASSERT_EQ(out.status, 0) << out.text;
  simdjson::dom::parser parser;
  auto doc = ParseJson(parser, out.text);
  EXPECT_TRUE(bool(doc["partial"]));
  auto suppliers = doc["suppliers"].get_array();
  EXPECT_EQ(std::string_view(suppliers.at(2)["status"]), "malformed");
  EXPECT_EQ(std::string_view(suppliers.at(3)["status"]), "io_error");
  EXPECT_EQ(int64_t(doc["counts"]["received"]), 120);
}

using testing_support::DaysFromNow;

TEST_F(SearchCommandTest, WithoutPayloadsTheBuiltInSupplierAnswers) {
  const std::string route = " --from LON --to NYC --depart " + DaysFromNow(30) + " --return " +
                            DaysFromNow(37) + " --adults 2 --builtin-offers 500";
  Output out = RunFareflow("search --no-timings" + route + " --limit 3");
  ASSERT_EQ(out.status, 0) << out.text;
  simdjson::dom::parser parser;
  auto doc = ParseJson(parser, out.text);
  auto suppliers = doc["suppliers"].get_array();
  ASSERT_EQ(suppliers.size(), 1u);
  EXPECT_EQ(std::string_view(suppliers.at(0)["kind"]), "builtin");
  EXPECT_EQ(std::string_view(suppliers.at(0)["status"]), "ok");
  EXPECT_EQ(int64_t(doc["counts"]["received"]), 500);
  EXPECT_EQ(int64_t(doc["counts"]["dropped"]), 0);
  for (auto offer : doc["offers"].get_array()) {
    EXPECT_EQ(offer["slices"].get_array().size(), 2u);
  }
  // The same search answers the same way.
  EXPECT_EQ(RunFareflow("search --no-timings" + route + " --limit 3").text, out.text);
  // Payloads and the built-in supplier together: three suppliers in one answer.
  Output both = RunFareflow("search" + Route() + Payloads() + " --builtin --builtin-offers 100");
  ASSERT_EQ(both.status, 0) << both.text.substr(0, 500);
  simdjson::dom::parser p2;
  auto merged = ParseJson(p2, both.text);
  EXPECT_EQ(merged["suppliers"].get_array().size(), 3u);
  EXPECT_EQ(int64_t(merged["counts"]["received"]), 220);
  // A live search checks dates: the past is refused.
  Output past = RunFareflow("search --from LHR --to JFK --depart 2020-01-01");
  EXPECT_EQ(past.status, 2) << past.text.substr(0, 500);
  EXPECT_NE(past.text.find("departure_date"), std::string::npos) << past.text.substr(0, 500);
}

TEST_F(SearchCommandTest, AnFxFileAllowsACurrencyOnlyItHasARateFor) {
  // The built-in snapshot has no rate for the North Korean won.
  Output refused = RunFareflow("search" + Route() + Payloads() + " --currency KPW");
  EXPECT_EQ(refused.status, 2) << refused.text;
  EXPECT_NE(refused.text.find("/currency: no exchange rate for KPW"), std::string::npos)
      << refused.text;

  const fs::path rates = *dir_ / "rates.txt";
  std::ofstream(rates) << "as_of 2026-12-01\nKPW 1300\nUSD 1.08\nGBP 0.85\n";
  Output out = RunFareflow("search" + Route() + Payloads() + " --currency KPW --fx-file " +
                           rates.string() + " --limit 1");
  ASSERT_EQ(out.status, 0) << out.text;
  simdjson::dom::parser parser;
  auto doc = ParseJson(parser, out.text);
  std::string_view currency = doc["offers"].at(0)["price"]["currency"].get_string();
  EXPECT_EQ(currency, "KPW");
}

TEST_F(SearchCommandTest, MorePayloadsThanASearchReadsAreRefused) {
  std::string payloads;
  for (int i = 0; i < 1025; ++i) payloads += " --payload duffel:/nonexistent";
  Output out = RunFareflow("search" + Route() + payloads);
  EXPECT_EQ(out.status, 2) << out.text;
  EXPECT_NE(out.text.find("--payload: at most 1024 payloads"), std::string::npos) << out.text;
}

TEST_F(SearchCommandTest, BadArgumentsGetOneLineAndExitTwo) {
  struct Case {
    std::string args;
    std::string says;
  };
  const Case cases[] = {
      {"search --from LHR --to QQQ --depart 2026-12-20" + Payloads(), "unknown airport or city"},
      {"search --from LHR --to JFK --depart 2026-02-30" + Payloads(), "--depart"},
      {"search --from LH --to JFK --depart 2026-12-20" + Payloads(), "--from"},
      {"search" + Route() + " --payload soap:x.json", "--payload"},
      {"search" + Route() + Payloads() + " --cabin steerage", "--cabin"},
      {"search" + Route() + Payloads() + " --sort random", "--sort"},
      {"search" + Route() + Payloads() + " --cursor AAAAAAAAAAAAAAAAAAAA", "cursor"},
      {"search" + Route() + Payloads() + " --currency ZZZ", "currency"},
      {"search" + Route() + Payloads() + " --infants 3", "infant"},
      {"search" + Route() + Payloads() + " --depart-window 25:00-26:00", "--depart-window"},
      {"search --request /nonexistent.json" + Payloads(), "cannot read"},
  };
  for (const Case& c : cases) {
    Output out = RunFareflow(c.args);
    EXPECT_EQ(out.status, 2) << c.args << "\n" << out.text;
    EXPECT_NE(out.text.find(c.says), std::string::npos) << c.args << "\n" << out.text;
    EXPECT_EQ(std::count(out.text.begin(), out.text.end(), '\n'), 1) << out.text;
  }
}

}  // namespace
}  // namespace fareflow
