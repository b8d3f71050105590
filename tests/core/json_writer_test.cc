#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <simdjson.h>

namespace fareflow {
namespace {

TEST(JsonWriterTest, WritesNestedValuesWithSingleCommas) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("a");
  w.Int(1);
  w.Key("b");
  w.BeginArray();
  w.Int(-2);
  w.Bool(true);
  w.Null();
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.Key("c");
  w.Double(0.5);
  w.Key("d");
  w.PlainString("EUR");
  w.EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[-2,true,null,{}],"c":0.5,"d":"EUR"})");
}

TEST(JsonWriterTest, EscapesStringsAndKeys) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("k\"ey");
  w.String("quote\" backslash\\ newline\n tab\t bell\x07 caf\xc3\xa9");
  w.EndObject();
  EXPECT_EQ(out,
            "{\"k\\\"ey\":\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 caf\xc3\xa9\"}");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS);
  std::string_view value;
  ASSERT_EQ(doc["k\"ey"].get_string().get(value), simdjson::SUCCESS);
  EXPECT_EQ(value, "quote\" backslash\\ newline\n tab\t bell\x07 caf\xc3\xa9");
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.Double(1.0 / 0.0);
  w.Double(0.0 / 0.0);
  w.EndArray();
  EXPECT_EQ(out, "[null,null]");
}

}  // namespace
}  // namespace fareflow
