#include "core/codes.h"

#include <gtest/gtest.h>

#include "core/arena.h"

namespace fareflow {
namespace {

TEST(LocationCodeTest, PacksEveryThreeLetterCode) {
  EXPECT_EQ(LocationCode::Parse("AAA").index(), 0);
  EXPECT_EQ(LocationCode::Parse("ZZZ").index(), LocationCode::kSpace - 1);
  EXPECT_EQ(LocationCode::Parse("lhr"), LocationCode::Parse("LHR"));
  EXPECT_EQ(LocationCode::Parse("LHR").str(), "LHR");
  for (const char* bad : {"", "LH", "LHRX", "L1R", "LH "}) {
    EXPECT_FALSE(LocationCode::Parse(bad).valid()) << bad;
  }
  EXPECT_EQ(LocationCode().str(), "???");
}

TEST(AirlineCodeTest, AcceptsLettersAndDigits) {
  for (const char* code : {"BA", "U2", "9W", "3K", "00", "ZZ"}) {
    AirlineCode c = AirlineCode::Parse(code);
    ASSERT_TRUE(c.valid()) << code;
    EXPECT_LT(c.index(), AirlineCode::kSpace);
    EXPECT_EQ(c.str(), code);
  }
  EXPECT_EQ(AirlineCode::Parse("ba"), AirlineCode::Parse("BA"));
  EXPECT_FALSE(AirlineCode::Parse("B").valid());
  EXPECT_FALSE(AirlineCode::Parse("B-").valid());
  EXPECT_NE(AirlineCode::Parse("U2"), AirlineCode::Parse("2U"));
}

TEST(ArenaTest, CopiesLiveUntilRelease) {
  Arena arena(64);
  std::string source = "a string longer than the first block of the arena, to force growth";
  std::string_view copy = arena.CopyString(source);
  source.assign(source.size(), 'x');
  EXPECT_EQ(copy, "a string longer than the first block of the arena, to force growth");
  int values[] = {1, 2, 3};
  std::span<int> span = arena.CopyArray<int>(values);
  values[0] = 9;
  EXPECT_EQ(span[0], 1);
  EXPECT_EQ(span.size(), 3u);
  EXPECT_EQ(arena.AllocateArray<int>(0), nullptr);
  EXPECT_TRUE(arena.CopyString("").empty());
}

}  // namespace
}  // namespace fareflow
