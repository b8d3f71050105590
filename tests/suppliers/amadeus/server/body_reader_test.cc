#include "suppliers/amadeus/server/body_reader.h"

#include <gtest/gtest.h>

namespace fareflow::amadeus {
namespace {

class BodyReaderTest : public ::testing::Test {
 protected:
  JsonValue Parse(std::string_view json) {
    Result<JsonValue> root = ParseJson(parser_, json);
    EXPECT_TRUE(root.has_value());
    return *root;
  }

  simdjson::dom::parser parser_;
  Issues issues_;
  BodyReader r_{issues_};
};

TEST_F(BodyReaderTest, GoesOnAfterABadValueAndNamesEachByPointer) {
  const JsonValue body = Parse(R"({"a":1,"b":{"c":[2,"x",3]}})");
  EXPECT_FALSE(r_.String(body, "a", true));
  const std::optional<JsonValue> b = r_.Object(body, "b", true);
  ASSERT_TRUE(b);
  const std::optional<JsonValue> c = r_.Array(*b, "c", true, 1, 5);
  ASSERT_TRUE(c);
  const auto strings = r_.Strings(*c);
  ASSERT_EQ(strings.size(), 1u);
  EXPECT_EQ(strings[0].first, "x");
  EXPECT_EQ(strings[0].second, "/b/c/1");
  ASSERT_EQ(issues_.size(), 3u);
  EXPECT_EQ(issues_[0].code.code, kInvalidFormat.code);
  EXPECT_EQ(issues_[0].detail, "must be a string");
  EXPECT_EQ(issues_[0].pointer, "/a");
  EXPECT_EQ(issues_[1].pointer, "/b/c/0");
  EXPECT_EQ(issues_[2].pointer, "/b/c/2");
  EXPECT_TRUE(issues_[2].parameter.empty());
}

TEST_F(BodyReaderTest, MissingRequiredAndEmptyRequiredAreMandatoryDataMissing) {
  const JsonValue body = Parse(R"({"id":"","n":null})");
  EXPECT_FALSE(r_.String(body, "id", true));
  EXPECT_FALSE(r_.Get(body, "n", true));
  EXPECT_FALSE(r_.Get(body, "optional", false));
  ASSERT_EQ(issues_.size(), 2u);
  EXPECT_EQ(issues_[0].code.code, kMandatoryDataMissing.code);
  EXPECT_EQ(issues_[0].detail, "This field must be filled.");
  EXPECT_EQ(issues_[0].pointer, "/id");
  EXPECT_EQ(issues_[1].pointer, "/n");
}

TEST_F(BodyReaderTest, ArrayLimitsAreWordedAsAmadeusWordsThem) {
  const JsonValue body = Parse(R"({"none":[],"many":[1,2,3],"no":{}})");
  EXPECT_FALSE(r_.Array(body, "none", true, 1, 2));
  EXPECT_FALSE(r_.Array(body, "many", true, 1, 2));
  EXPECT_FALSE(r_.Array(body, "no", true, 1, 2));
  ASSERT_EQ(issues_.size(), 3u);
  EXPECT_EQ(issues_[0].code.code, kMandatoryDataMissing.code);
  EXPECT_EQ(issues_[0].detail, "at least 1 item(s) required");
  EXPECT_EQ(issues_[1].code.code, kTooManyOccurrences.code);
  EXPECT_EQ(issues_[1].detail, "at most 2 items allowed");
  EXPECT_EQ(issues_[2].detail, "must be an array");
  EXPECT_EQ(issues_[2].pointer, "/no");
}

TEST_F(BodyReaderTest, IntegersMayBeWrittenAsWholeDoubles) {
  const JsonValue body = Parse(R"({"a":2.0,"b":2.5,"c":9,"d":"1"})");
  EXPECT_EQ(r_.Integer(body, "a", 1, 5), 2);
  EXPECT_FALSE(r_.Integer(body, "b", 1, 5));
  EXPECT_FALSE(r_.Integer(body, "c", 1, 5));
  EXPECT_FALSE(r_.Integer(body, "d", 1, 5));
  ASSERT_EQ(issues_.size(), 3u);
  EXPECT_EQ(issues_[0].detail, "must be an integer");
  EXPECT_EQ(issues_[0].example, "1");
  EXPECT_EQ(issues_[1].code.code, kInvalidData.code);
  EXPECT_EQ(issues_[1].detail, "must be between 1 and 5");
  EXPECT_EQ(issues_[2].pointer, "/d");
}

}  // namespace
}  // namespace fareflow::amadeus
