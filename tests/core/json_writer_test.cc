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
  w.Finish();
  EXPECT_EQ(out, R"({"a":1,"b":[-2,true,null,{}],"c":0.5,"d":"EUR"})");
}

TEST(JsonWriterTest, EscapesStrings) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("key");
  w.String("quote\" backslash\\ newline\n tab\t bell\x07 caf\xc3\xa9");
  w.EndObject();
  w.Finish();
  EXPECT_EQ(out, "{\"key\":\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007 caf\xc3\xa9\"}");
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  w.Finish();
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS);
  std::string_view value;
  ASSERT_EQ(doc["key"].get_string().get(value), simdjson::SUCCESS);
  EXPECT_EQ(value, "quote\" backslash\\ newline\n tab\t bell\x07 caf\xc3\xa9");
}

TEST(JsonWriterTest, EscapesAtEveryPositionOfLongStrings) {
  // The escape scan reads eight bytes at a time; put the byte to escape at every offset.
  for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string s(40, 'a');
      s[at] = special;
      std::string out;
      JsonWriter w(out);
      w.String(s);
      simdjson::dom::parser parser;
      simdjson::dom::element doc;
      w.Finish();
      ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS) << out;
      EXPECT_EQ(std::string_view(doc.get_string()), s) << at;
    }
  }
  std::string out;
  JsonWriter w(out);
  w.String("M\xc3\xbcnchen \xe6\x9d\xb1\xe4\xba\xac plain ASCII beyond eight bytes");
  w.Finish();
  EXPECT_EQ(out, "\"M\xc3\xbcnchen \xe6\x9d\xb1\xe4\xba\xac plain ASCII beyond eight bytes\"");
}

TEST(JsonWriterTest, EmptyViewsWriteEmptyStrings) {
  // A default std::string_view has a null data(); writing it must not reach memcpy (UBSan).
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.String(std::string_view());
  w.PlainString(std::string_view());
  w.EndArray();
  w.Finish();
  EXPECT_EQ(out, R"(["",""])");
}

TEST(JsonWriterTest, NonFiniteDoublesBecomeNull) {
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.Double(1.0 / 0.0);
  w.Double(0.0 / 0.0);
  w.EndArray();
  w.Finish();
  EXPECT_EQ(out, "[null,null]");
}

}  // namespace
}  // namespace fareflow
