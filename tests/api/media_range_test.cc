#include "api/media_range.h"

#include <gtest/gtest.h>

#include <string>

namespace fareflow {
namespace {

TEST(ParseAcceptTest, ReadsRangesParametersAndWeights) {
  const std::vector<MediaRange> ranges =
      ParseAccept(R"(Application/JSON ; Profile="compact full";q=0.5;ext=1, text/*;q=0, */*)");
  ASSERT_EQ(ranges.size(), 3u);
  EXPECT_EQ(ranges[0].type, "application");
  EXPECT_EQ(ranges[0].subtype, "json");
  ASSERT_NE(ranges[0].Parameter("profile"), nullptr);
  EXPECT_EQ(*ranges[0].Parameter("profile"), "compact full");  // values keep their case
  EXPECT_EQ(ranges[0].Parameter("ext"), nullptr);              // accept-ext, after the weight
  EXPECT_DOUBLE_EQ(ranges[0].weight, 0.5);
  EXPECT_EQ(ranges[1].subtype, "*");
  EXPECT_DOUBLE_EQ(ranges[1].weight, 0);
  EXPECT_EQ(ranges[2].type, "*");
  EXPECT_DOUBLE_EQ(ranges[2].weight, 1);
}

TEST(ParseAcceptTest, QuotedStringsMayHoldCommasSemicolonsAndEscapes) {
  const std::vector<MediaRange> ranges =
      ParseAccept(R"(application/json;profile="a,b;c \"d\\", text/html)");
  ASSERT_EQ(ranges.size(), 2u);
  EXPECT_EQ(*ranges[0].Parameter("profile"), R"(a,b;c "d\)");
  EXPECT_EQ(ranges[1].subtype, "html");
}

TEST(ParseAcceptTest, GarbageCostsOnlyItsOwnRange) {
  for (const char* bad :
       {"application", "application/", "/json", "*/json", "app lication/json",
        "application/json;profile", "application/json;profile=", "application/json;q=2",
        "application/json;q=0.5555", "application/json;q=1.5", "application/json;q=-1",
        "application/json;q=abc", "application/json x", "application/json;=x",
        "application/json;pro\x01file=x", "\xff\xfe/\x80"}) {
    const std::vector<MediaRange> ranges = ParseAccept(std::string(bad) + ", text/plain;q=0.3");
    ASSERT_EQ(ranges.size(), 1u) << bad;
    EXPECT_EQ(ranges[0].subtype, "plain") << bad;
    EXPECT_DOUBLE_EQ(ranges[0].weight, 0.3) << bad;
  }
  // An unterminated quote runs to the end: what follows it is inside it.
  EXPECT_TRUE(ParseAccept("application/json;profile=\"open, text/plain").empty());
  EXPECT_TRUE(ParseAccept("").empty());
  EXPECT_TRUE(ParseAccept(" , ,, ").empty());
  EXPECT_EQ(ParseAccept("application/json;;  ; q=1.000").size(), 1u);  // empty parameters
  EXPECT_EQ(ParseAccept(std::string(100000, ',') + "a/b").size(), 1u);
}

}  // namespace
}  // namespace fareflow
