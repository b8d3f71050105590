#include "core/json_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace fareflow {
namespace {

// The error `read` gives on the root of `json`, as "field: message"; "(ok)" when there is none.
template <typename Read>
std::string ErrorOf(const std::string& json, Read read) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, json);
  if (!root) return "(not json)";
  auto r = read(*root);
  if (r) return "(ok)";
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  return r.error().field + ": " + r.error().message;
}

TEST(JsonReaderTest, PointersJoinKeysAndIndexes) {
  EXPECT_EQ(PointerTo("", "currency"), "/currency");
  EXPECT_EQ(PointerTo("/slices", std::size_t{2}), "/slices/2");
  EXPECT_EQ(PointerTo("/filters/slices/0", "max_stops"), "/filters/slices/0/max_stops");
}

TEST(JsonReaderTest, MalformedJsonIsMalformedWithoutAField) {
  simdjson::dom::parser parser;
  for (const char* bad : {"{", "", "{} {}", "[1,]"}) {
    Result<JsonValue> root = ParseJson(parser, bad);
    ASSERT_FALSE(root) << bad;
    EXPECT_EQ(root.error().code, ErrorCode::kMalformed);
    EXPECT_TRUE(root.error().field.empty());
    EXPECT_FALSE(root.error().message.empty());
  }
  Result<JsonValue> root = ParseJson(parser, "[]");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->pointer(), "");
}

TEST(JsonReaderTest, ScalarsNameTheValueAtFault) {
  auto limit = [](const JsonValue& root) {
    return root.ForEachMember([](std::string_view, const JsonValue& v) -> Result<void> {
      int64_t out = 0;
      return Assign(v.Int(0, 3), out);
    });
  };
  EXPECT_EQ(ErrorOf(R"({"a":2})", limit), "(ok)");
  EXPECT_EQ(ErrorOf(R"({"a":4})", limit), "/a: must be between 0 and 3");
  EXPECT_EQ(ErrorOf(R"({"a":1.5})", limit), "/a: must be an integer");
  EXPECT_EQ(ErrorOf(R"({"a":"1"})", limit), "/a: must be an integer");
  EXPECT_EQ(ErrorOf(R"({"a":1})", [](const JsonValue& root) { return root.String(); }),
            ": must be a string");
  EXPECT_EQ(ErrorOf(R"({"a":1})", [](const JsonValue& root) { return root.Bool(); }),
            ": must be true or false");
  EXPECT_EQ(ErrorOf(R"([1])",
                    [](const JsonValue& root) {
                      return root.ForEachMember(
                          [](std::string_view, const JsonValue&) -> Result<void> { return {}; });
                    }),
            ": must be an object");
}

TEST(JsonReaderTest, IntIntoStoresAsTheTargetsType) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, R"({"n":7,"ms":250,"big":11})");
  ASSERT_TRUE(root);
  std::optional<int> n;
  std::chrono::milliseconds ms{0};
  unsigned big = 0;
  ASSERT_TRUE(root->Member("n")->IntInto(0, 9, n));
  ASSERT_TRUE(root->Member("ms")->IntInto(1, 1000, ms));
  EXPECT_EQ(n, 7);
  EXPECT_EQ(ms, std::chrono::milliseconds(250));
  Result<void> out_of_range = root->Member("big")->IntInto(0, 10, big);
  ASSERT_FALSE(out_of_range);
  EXPECT_EQ(out_of_range.error().field, "/big");
  EXPECT_EQ(big, 0u);  // left as it was
}

TEST(JsonReaderTest, NestedValuesCarryTheirWholePointer) {
  auto read = [](const JsonValue& root) {
    return root.ForEachMember([](std::string_view, const JsonValue& slices) {
      return slices.ForEachItem([](const JsonValue& slice) {
        return slice.ForEachMember([](std::string_view key, const JsonValue& v) -> Result<void> {
          std::string origin;
          if (key == "origin") return Assign(v.String(), origin);
          return v.Invalid("unknown field");
        });
      });
    });
  };
  EXPECT_EQ(ErrorOf(R"({"slices":[{"origin":"LHR"},{"origin":7}]})", read),
            "/slices/1/origin: must be a string");
  EXPECT_EQ(ErrorOf(R"({"slices":[{"origin":"LHR","x":1}]})", read), "/slices/0/x: unknown field");
  EXPECT_EQ(ErrorOf(R"({"slices":{}})", read), "/slices: must be an array");
}

TEST(JsonReaderTest, ListsAreLimitedBeforeTheirItemsAreRead) {
  auto read = [](const JsonValue& root) {
    return root.List<int64_t>(2, [](const JsonValue& item) { return item.Int(0, 9); });
  };
  EXPECT_EQ(ErrorOf("[1,2]", read), "(ok)");
  EXPECT_EQ(ErrorOf("[1,\"x\",3]", read), ": must have at most 2 items");
  EXPECT_EQ(ErrorOf("[1,\"x\"]", read), "/1: must be an integer");
  simdjson::dom::parser parser;
  auto list = read(*ParseJson(parser, "[4,5]"));
  ASSERT_TRUE(list);
  EXPECT_EQ(*list, (std::vector<int64_t>{4, 5}));
  EXPECT_EQ(*ParseJson(parser, "[4,5,6]")->ArraySize(), 3u);
}

TEST(JsonReaderTest, NullMembersAndDuplicateKeysFollowTheRules) {
  auto keys = [](const std::string& json, MemberRules rules) {
    simdjson::dom::parser parser;
    std::string seen;
    auto ok = ParseJson(parser, json)
                  ->ForEachMember(
                      [&](std::string_view key, const JsonValue&) -> Result<void> {
                        seen.append(key);
                        return {};
                      },
                      rules);
    return ok ? seen : ok.error().field + ": " + ok.error().message;
  };
  const std::string json = R"({"a":1,"b":null,"a":2})";
  EXPECT_EQ(keys(json, {}), "aba");
  EXPECT_EQ(keys(json, {.skip_null = true}), "aa");
  EXPECT_EQ(keys(json, {.refuse_duplicates = true}), "/a: appears twice");
}

TEST(JsonReaderTest, DuplicatesAreFoundInAnyObjectAfterUnescaping) {
  auto first_error = [](const std::string& json) {
    simdjson::dom::parser parser;
    auto ok =
        ParseJson(parser, json)
            ->ForEachMember([](std::string_view, const JsonValue&) -> Result<void> { return {}; },
                            {.refuse_duplicates = true});
    return ok ? "(ok)" : ok.error().field + ": " + ok.error().message;
  };
  EXPECT_EQ(first_error(R"({"a":1,"b":2})"), "(ok)");
  EXPECT_EQ(first_error(R"({})"), "(ok)");
  EXPECT_EQ(first_error(R"({"":1,"":2})"), "/: appears twice");
  EXPECT_EQ(first_error(R"({"a":1,"\u0061":2})"), "/a: appears twice");
  // Large objects too, wherever the duplicate is.
  std::string big = "{";
  for (int i = 0; i < 1000; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_EQ(first_error(big + "\"k999\":0}"), "/k999: appears twice");
  EXPECT_EQ(first_error(big + "\"x\":0}"), "(ok)");
}

TEST(JsonReaderTest, DuplicateCheckIsNotQuadratic) {
  // 200,000 distinct keys: a pairwise check makes 2 * 10^10 comparisons (minutes); a sorted one
  // takes milliseconds. The bound leaves room for a sanitizer build on a busy machine.
  std::string json = "{";
  for (int i = 0; i < 200000; ++i) json += "\"" + std::to_string(i) + "\":0,";
  json += "\"last\":0}";
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, json);
  ASSERT_TRUE(root);
  const auto start = std::chrono::steady_clock::now();
  int members = 0;
  auto ok = root->ForEachMember(
      [&](std::string_view, const JsonValue&) -> Result<void> {
        ++members;
        return {};
      },
      {.refuse_duplicates = true});
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(ok);
  EXPECT_EQ(members, 200001);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(JsonReaderTest, AnIntegerTooLargeForAnyTypeIsOutOfRangeAtItsPointer) {
  simdjson::dom::parser parser;
  const std::string forty = "1234567890123456789012345678901234567890";
  for (const auto& [json, field] : std::vector<std::pair<std::string, std::string>>{
           {"{\"limit\":" + forty + "}", "/limit"},
           {"{\"a\":[1,{\"b\":-" + forty + "}]}", "/a/1/b"},
           {"[0,1," + forty + "]", "/2"},
           {"{\"x\":\"1e400\",\"y\":1e400}", "/y"},
           {"{\"q\\\"\":[" + forty + "]}", "/q\"/0"},
           {forty, ""},
       }) {
    Result<JsonValue> root = ParseJson(parser, json);
    ASSERT_FALSE(root) << json;
    EXPECT_EQ(root.error().code, ErrorCode::kInvalidArgument) << json;
    EXPECT_EQ(root.error().field, field) << json;
    EXPECT_EQ(root.error().message, "is out of range") << json;
  }
  // Numbers that are not JSON stay malformed, whatever comes after them.
  for (const std::string& bad :
       std::vector<std::string>{"[01]", "[1.]", "[-]", "[1e]", "[01, " + forty + "]", "[1 2]"}) {
    Result<JsonValue> root = ParseJson(parser, bad);
    ASSERT_FALSE(root) << bad;
    EXPECT_EQ(root.error().code, ErrorCode::kMalformed) << bad;
  }
}

TEST(JsonReaderTest, PointersEchoABoundedPrefixOfALongKey) {
  EXPECT_EQ(PointerTo("/a", std::string(10000, 'k')), "/a/" + std::string(64, 'k') + "\u2026");
}

TEST(JsonReaderTest, MemberFindsAPresentNonNullValue) {
  simdjson::dom::parser parser;
  Result<JsonValue> root = ParseJson(parser, R"({"currency":"JPY","x":null})");
  ASSERT_TRUE(root);
  std::optional<JsonValue> currency = root->Member("currency");
  ASSERT_TRUE(currency);
  EXPECT_EQ(currency->pointer(), "/currency");
  EXPECT_EQ(*currency->String(), "JPY");
  EXPECT_FALSE(root->Member("x"));
  EXPECT_FALSE(root->Member("y"));
  EXPECT_FALSE(currency->Member("y"));  // not an object
}

}  // namespace
}  // namespace fareflow
