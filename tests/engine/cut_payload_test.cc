// A payload cut anywhere at the body limit keeps exactly the offers complete before the cut, each
// as the whole payload gives it.

#include "engine/cut_payload.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <simdjson.h>

#include "engine/payload_parser.h"
#include "refdata/fx_rates.h"
#include "support/generated_payload.h"
#include "support/offer_texts.h"

namespace fareflow {
namespace {

using testing_support::KindOf;
using Shape = testing_support::PayloadShape;

SearchRequest Request() { return testing_support::GeneratedRoundTrip(1); }

struct Written {
  std::string bytes;
  SupplierKind kind;
  std::string_view offer_start;  // what each offer begins with, as the writer writes it
};

Written Write(Shape shape, int offers) {
  return Written{testing_support::GeneratedPayload(shape, offers, 5, Request()), KindOf(shape),
                 shape == Shape::kAmadeus ? R"({"type":"flight-offer")" : R"({"id":"off_)"};
}

using testing_support::OfferTexts;

// The closed document of `cut`.
std::string Closed(std::string_view cut) {
  std::string payload(cut);
  ApplyClosedCut(CloseCutPayload(cut), payload);
  return payload;
}

class CutPayloadTest : public ::testing::Test {
 protected:
  // Parses `payload`; the offers, and the count of elements read (received).
  std::vector<std::string> Parse(SupplierKind kind, const std::string& payload, int& received,
                                 std::string& error) {
    const simdjson::padded_string padded(payload);
    Arena arena;
    OfferBatch batch(arena.resource());
    simdjson::ondemand::parser parser;
    const Result<void> parsed = ParsePayload(kind, padded, parser, enricher_, arena, 0, batch);
    error = parsed ? "" : parsed.error().message;
    received = batch.received;
    return OfferTexts(batch);
  }

  SearchRequest request_ = Request();
  Enricher enricher_{request_, refdata::FxRates::Builtin()};
};

// For cuts all along the payload (inside strings, numbers, offers, between them, before the
// offers and after them): the closed payload parses, holds as many offers as were complete before
// the cut, and they are the whole payload's first ones.
TEST_F(CutPayloadTest, EveryCutKeepsTheCompleteOffersAsTheWholeGivesThem) {
  for (Shape shape : {Shape::kAmadeus, Shape::kDuffelRequest, Shape::kDuffelList}) {
    SCOPED_TRACE(static_cast<int>(shape));
    const Written w = Write(shape, 12);
    int all_received = 0;
    std::string error;
    const std::vector<std::string> whole = Parse(w.kind, w.bytes, all_received, error);
    ASSERT_EQ(error, "");
    ASSERT_EQ(whole.size(), 12u);
    // Offer k is complete in a cut of `c` bytes when the cut reaches the comma after it (or the
    // array's end, for the last).
    std::vector<std::size_t> complete_from;
    for (std::size_t at = w.bytes.find(w.offer_start); at != std::string::npos;
         at = w.bytes.find(w.offer_start, at + 1)) {
      if (w.bytes[at - 1] == ',') complete_from.push_back(at - 1);  // reaches the `}` before
    }
    ASSERT_EQ(complete_from.size(), 11u);
    // The last offer's closing brace: its brackets counted (the writers put none in strings).
    std::size_t last_end = w.bytes.rfind(w.offer_start);
    for (int depth = 0;; ++last_end) {
      if (w.bytes[last_end] == '{' || w.bytes[last_end] == '[') ++depth;
      if ((w.bytes[last_end] == '}' || w.bytes[last_end] == ']') && --depth == 0) break;
    }
    complete_from.push_back(last_end + 1);
    for (std::size_t c = 1; c < w.bytes.size(); c += c < 400 ? 7 : 61) {
      SCOPED_TRACE(c);
      const ClosedCut closed = CloseCutPayload(std::string_view(w.bytes).substr(0, c));
      int expected = 0;
      while (expected < 12 && c >= complete_from[static_cast<std::size_t>(expected)]) ++expected;
      EXPECT_EQ(closed.complete, expected);
      int received = 0;
      const std::string payload = Closed(std::string_view(w.bytes).substr(0, c));
      const std::vector<std::string> kept = Parse(w.kind, payload, received, error);
      ASSERT_EQ(error, "") << payload.substr(payload.size() > 80 ? payload.size() - 80 : 0);
      EXPECT_EQ(received, expected);
      ASSERT_EQ(kept.size(), static_cast<std::size_t>(expected));
      for (int k = 0; k < expected; ++k) EXPECT_EQ(kept[k], whole[k]) << k;
    }
  }
}

TEST_F(CutPayloadTest, ACutBeforeTheOffersIsAnAnswerWithoutOffers) {
  for (std::string_view cut : {std::string_view(""), std::string_view(R"({"da)"),
                               std::string_view(R"({"meta":{"count":3},"data")"),
                               std::string_view(R"({"data":{"id":"orq_1","slices":[{"a":"[")")}) {
    const ClosedCut closed = CloseCutPayload(cut);
    EXPECT_FALSE(closed.offers_began) << cut;
    EXPECT_EQ(closed.complete, 0);
    EXPECT_EQ(Closed(cut), R"({"data":[]})");
  }
}

// Brackets, quotes and escapes inside strings are not structure, and neither is an `offers` key
// deeper down.
TEST_F(CutPayloadTest, StringsAndDeeperKeysAreNotStructure) {
  const std::string cut =
      R"({"data":{"x":{"offers":[1,2]},"s":"],\"}{[","offers":[{"a":"\\"},{"b":"x\"],"},{"c":1},{"d)";
  const ClosedCut closed = CloseCutPayload(cut);
  EXPECT_TRUE(closed.offers_began);
  EXPECT_FALSE(closed.offers_whole);
  EXPECT_EQ(closed.complete, 3);
  EXPECT_EQ(
      Closed(cut),
      R"({"data":{"x":{"offers":[1,2]},"s":"],\"}{[","offers":[{"a":"\\"},{"b":"x\"],"},{"c":1}]}})");
}

// An offer whose closing brace came is complete even before its comma; a whole array keeps all.
TEST_F(CutPayloadTest, ClosedOffersCountWithoutTheirComma) {
  EXPECT_EQ(Closed(R"({"data":[{"a":1},{"b":2} )"), R"({"data":[{"a":1},{"b":2}]})");
  const ClosedCut whole = CloseCutPayload(R"({"data":[{"a":1},{"b":2}],"meta":{"aft)");
  EXPECT_TRUE(whole.offers_whole);
  EXPECT_EQ(whole.complete, 2);
  EXPECT_EQ(Closed(R"({"data":[{"a":1},{"b":2}],"meta":{"aft)"), R"({"data":[{"a":1},{"b":2}]})");
}

}  // namespace
}  // namespace fareflow
