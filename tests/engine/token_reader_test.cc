// SkipRepeat (suppliers/token_reader.h): a value whose text repeats one walked before is stepped
// over in one move, exactly to where walking it would have ended; any other value is left to be
// walked.
#include "suppliers/token_reader.h"

#include <cstdint>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <simdjson.h>

namespace fareflow::suppliers::tokens {
namespace {

// `json` parsed, and a cursor at its first token. The cursor reads the document's bytes and
// index: it lives no longer than this.
class CursorDocument {
 public:
  explicit CursorDocument(const std::string& json) : bytes_(json) {
    doc_ = parser_.iterate(bytes_);
    root_ = doc_.get_value();
  }
  TokenCursor cursor() { return TokenMark(root_).cursor(); }

 private:
  simdjson::ondemand::parser parser_;
  simdjson::padded_string bytes_;
  simdjson::ondemand::document doc_;
  simdjson::ondemand::value root_;
};

// SmallInt reads up to 18 digits and gives up on a 19th, whatever its digits, without computing
// past int64_t (UndefinedBehaviorSanitizer fails this test otherwise).
TEST(SmallIntTest, ReadsEighteenDigitsAndGivesUpOnNineteen) {
  for (const char* text : {"999999999999999999", "9999999999999999999", "1000000000000000000",
                           "99999999999999999999999"}) {
    CursorDocument document(std::string("[") + text + "]");
    TokenCursor c = document.cursor();
    ++c.p;  // the number, inside the array
    int64_t value = -1;
    const bool read = SmallInt(c, value);
    if (std::string_view(text).size() <= 18) {
      EXPECT_TRUE(read) << text;
      EXPECT_EQ(value, 999999999999999999) << text;
    } else {
      EXPECT_FALSE(read) << text;
      EXPECT_EQ(value, -1) << text;
    }
  }
}

// Reads the object `json` with a cursor: the array under "read" is walked token by token and kept
// as the template, and every other member is tried with SkipRepeat, then skipped by SkipOne when it
// is no repeat. Records, per member after "read", whether SkipRepeat took it and the key that
// followed it (the cursor landed right), in `taken` and `next`.
struct Walk {
  std::string taken;  // one letter per member: 'r' repeat, 'w' walked
  std::string next;   // the first letter of each member's following key ('.' at the end)
  bool read = false;  // Fields read the whole object
};

Walk WalkObject(const std::string& json) {
  CursorDocument document(json);
  TokenCursor c = document.cursor();
  WalkedValue walked;
  Walk walk;
  walk.read = Fields(c, [&](const uint8_t* key) {
    if (Is(key, "read")) {
      const simdjson::ondemand::token_position from = c.p;
      if (!Elements(c, [&] { return Next(SkipOne(c)); })) return Step::kFail;
      walked = Walked(c, from);
      return Step::kNext;
    }
    const bool repeat = SkipRepeat(c, walked);
    walk.taken += repeat ? 'r' : 'w';
    if (!repeat && !SkipOne(c)) return Step::kFail;
    // After a member: a comma and the next key's opening quote, or the object's end.
    walk.next += c.Char() == ',' ? static_cast<char>(c.Text()[2]) : '.';
    return Step::kNext;
  });
  return walk;
}

TEST(SkipRepeatTest, StepsOverTheSameTextInOneMoveToWhereTheWalkEnds) {
  const Walk walk = WalkObject(
      R"({"read":[{"x":1,"y":[2,"]"]},{}],"b":[{"x":1,"y":[2,"]"]},{}],"c":[{"x":1,"y":[2,"]"]},{}]})");
  EXPECT_TRUE(walk.read);
  EXPECT_EQ(walk.taken, "rr");
  EXPECT_EQ(walk.next, "c.");
}

TEST(SkipRepeatTest, LeavesAnyOtherValueToBeWalked) {
  // The same length with other tokens ("]" where 3 was), one byte changed, the template's text
  // beginning a longer array, and a scalar; then a repeat again.
  const Walk walk = WalkObject(
      R"({"read":[1,[2,3]],"b":[1,[2,"]"]],"c":[1,[2,4]],"d":[1,[2,3],5],"e":7,"f":[1,[2,3]]})");
  EXPECT_TRUE(walk.read);
  EXPECT_EQ(walk.taken, "wwwwr");
  EXPECT_EQ(walk.next, "cdef.");
}

TEST(SkipRepeatTest, NothingWalkedIsNoRepeat) {
  const Walk walk = WalkObject(R"({"b":[],"c":[]})");
  EXPECT_TRUE(walk.read);
  EXPECT_EQ(walk.taken, "ww");
  EXPECT_EQ(walk.next, "c.");
}

TEST(SkipRepeatTest, NeverComparesPastTheDocument) {
  // What is left after "b" has fewer tokens than the template, then fewer bytes: no repeat either
  // time, and the short array is walked as before.
  const Walk fewer_tokens = WalkObject(R"({"read":[1,2,3,4,5,6,7,8,9,10,11,12],"b":[1,2]})");
  EXPECT_TRUE(fewer_tokens.read);
  EXPECT_EQ(fewer_tokens.taken, "w");
  EXPECT_EQ(fewer_tokens.next, ".");
  // A template longer than the document's padding: a comparison past the end would read outside
  // the buffer (AddressSanitizer checks memcmp's whole range).
  const Walk fewer_bytes = WalkObject(R"({"read":[")" + std::string(200, 'x') + R"("],"b":[1,2]})");
  EXPECT_TRUE(fewer_bytes.read);
  EXPECT_EQ(fewer_bytes.taken, "w");
  EXPECT_EQ(fewer_bytes.next, ".");
}

// Steps over every element of the array `json` with a RecentValues of two; returns the elements
// it took in one move, as one letter each ('r' repeat, 'w' walked), and whether every element was
// stepped over to the next comma or the array's end.
std::string SkipElements(const std::string& json, bool& landed) {
  CursorDocument document(json);
  TokenCursor c = document.cursor();
  RecentValues<2> recent;
  std::string taken;
  landed = Elements(c, [&] {
    const int before = recent.repeats();
    if (!recent.Skip(c)) return Step::kFail;
    taken += recent.repeats() > before ? 'r' : 'w';
    return Next(c.Char() == ',' || c.Char() == ']');
  });
  return taken;
}

TEST(RecentValuesTest, RemembersTheLastObjectsAndArraysSteppedOver) {
  bool landed = false;
  // a and b are remembered; a again and b again are repeats; c pushes a out, so a is walked
  // again (and pushes b out); scalars are never remembered.
  const std::string a = R"({"k":[1,{"m":2}]})";
  const std::string b = R"([{"k":3},"]"])";
  const std::string c = R"({"k":4})";
  const std::string taken = SkipElements(
      "[" + a + "," + b + "," + a + "," + b + "," + c + "," + a + "," + b + ",5,5]", landed);
  EXPECT_TRUE(landed);
  EXPECT_EQ(taken, "wwrrwwwww");
}

}  // namespace
}  // namespace fareflow::suppliers::tokens
