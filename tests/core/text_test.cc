#include "core/text.h"

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "core/splitmix64.h"

namespace fareflow {
namespace {

TEST(TrimTest, RemovesSpacesAndTabsAtBothEndsOnly) {
  EXPECT_EQ(Trim(" \tBearer  abc \t "), "Bearer  abc");
  EXPECT_EQ(Trim("gzip"), "gzip");
  EXPECT_EQ(Trim(" \t "), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("x\r"), "x\r");
}

TEST(TrimTest, TrimsTheBlanksItIsGiven) {
  EXPECT_EQ(Trim("EUR 1.0 \r", " \t\r"), "EUR 1.0");
  static_assert(Trim(" a ") == "a");
}

TEST(FindTextTest, FindsAnOfferStartAmongManyOpeningBraces) {
  const std::string payload = R"({"data":[{"a":{"b":1}},{"id":"off_1"},{"id":"off_2"}]})";
  const std::size_t first = payload.find(R"({"id":"off_)");
  EXPECT_EQ(FindText(payload, R"({"id":"off_)"), first);
  EXPECT_EQ(FindText(payload, R"({"id":"off_)", first + 1), payload.rfind(R"({"id":"off_)"));
  EXPECT_EQ(FindText(payload, R"({"id":"ord_)"), std::string_view::npos);
}

TEST(FindTextTest, AnswersAsStringViewFindOnRandomText) {
  // A small alphabet so that first and last bytes match often and matches overlap; needles and
  // texts of every length around the 16-byte blocks, from every start, the needle's last byte at
  // the text's end included.
  uint64_t state = 7;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t length = SplitMix64Next(state) % 70;
    std::string text(length, ' ');
    for (char& c : text) c = "ab{\""[SplitMix64Next(state) % 4];
    std::string needle(1 + SplitMix64Next(state) % 6, ' ');
    for (char& c : needle) c = "ab{\""[SplitMix64Next(state) % 4];
    if (!text.empty() && SplitMix64Next(state) % 2 == 0) {
      // A needle taken from the text, so that matches are common.
      const std::size_t at = SplitMix64Next(state) % text.size();
      needle = text.substr(at, 1 + SplitMix64Next(state) % 20);
    }
    // A copy of exactly the text's size: a read past its end is then an error under ASan.
    const std::string exact(text);
    for (std::size_t from = 0; from <= exact.size() + 1; ++from) {
      ASSERT_EQ(FindText(exact, needle, from), std::string_view(exact).find(needle, from))
          << "text " << exact << " needle " << needle << " from " << from;
    }
  }
}

TEST(FindTextTest, EmptyNeedleAndShortTextAnswerAsFind) {
  EXPECT_EQ(FindText("abc", "", 1), 1u);
  EXPECT_EQ(FindText("abc", "", 4), std::string_view::npos);
  EXPECT_EQ(FindText("ab", "abc"), std::string_view::npos);
  EXPECT_EQ(FindText("", "a"), std::string_view::npos);
}

}  // namespace
}  // namespace fareflow
